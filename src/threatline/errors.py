"""One exception tree with stable codes.

::

    ThreatlineError                 TL000
    ├── ConfigError                 TL100
    ├── SourceError                 TL200  (input cannot be read: names the file and line)
    │   ├── EncodingError           TL201
    │   ├── EmptyInputError         TL202
    │   ├── BinaryInputError        TL203
    │   ├── RecordError             TL204  (a bad JSONL record or feed entry)
    │   ├── NoArticleTextError      TL205  (HTML page with no extractable article)
    │   ├── FetchError              TL206  (URL could not be fetched)
    │   └── TooLargeError           TL207  (over max_article_bytes / max_feed_bytes)
    ├── StageError                  TL300  (a per-article stage failed: names article and stage)
    ├── ModelError                  TL400  (the NLP pipeline cannot be loaded)
    ├── KnowledgeError              TL500  (a knowledge file is invalid: names file and entry)
    ├── StoreError                  TL600
    └── EvalError                   TL700

Every error carries the input (file or URL), the line where known, the article id and the stage,
so a user can find what failed and why.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "EvalError",
    "FetchError",
    "KnowledgeError",
    "ModelError",
    "NoArticleTextError",
    "RecordError",
    "SourceError",
    "StageError",
    "StoreError",
    "ThreatlineError",
    "TooLargeError",
]


class ThreatlineError(Exception):
    code = "TL000"
    stage = "threatline"

    def __init__(
        self,
        message: str,
        *,
        input: str | None = None,
        line: int | None = None,
        doc: str | None = None,
        stage: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.input = input
        self.line = line
        self.doc = doc
        if stage is not None:
            self.stage = stage

    def __str__(self) -> str:
        where = ""
        if self.input:
            where = f"{self.input}:{self.line}: " if self.line is not None else f"{self.input}: "
        elif self.doc:
            where = f"{self.doc}: "
        return f"{where}[{self.code}] {self.message}"


class ConfigError(ThreatlineError):
    code = "TL100"
    stage = "config"


class SourceError(ThreatlineError):
    code = "TL200"
    stage = "source"


class EncodingError(SourceError):
    code = "TL201"


class EmptyInputError(SourceError):
    code = "TL202"


class BinaryInputError(SourceError):
    code = "TL203"


class RecordError(SourceError):
    code = "TL204"


class NoArticleTextError(SourceError):
    code = "TL205"


class FetchError(SourceError):
    code = "TL206"


class TooLargeError(SourceError):
    code = "TL207"


class StageError(ThreatlineError):
    code = "TL300"


class ModelError(ThreatlineError):
    code = "TL400"
    stage = "nlp"


class KnowledgeError(ThreatlineError):
    code = "TL500"
    stage = "knowledge"


class StoreError(ThreatlineError):
    code = "TL600"
    stage = "store"


class EvalError(ThreatlineError):
    code = "TL700"
    stage = "eval"
