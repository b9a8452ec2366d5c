"""Sequences of the report's samples that read or make each item when asked for, so that a report of any number
of samples holds one at a time (issue 13, memory): the samples' report documents kept on disk while a cohort is
read (about 29 KB a sample when they were kept in memory), and the HTML's rows made as the template reads them.

SpooledDocuments reads like the list it replaces (len, index, iterate as often as a writer likes): every read
unpickles the document from an anonymous temporary file (in $TMPDIR, gone when closed or when the process ends,
however it ends). The file holds only what this process wrote into it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Sequence
from typing import BinaryIO, Callable

from ..errors import InputError


class SpooledDocuments(Sequence):
    """Report documents appended one by one (cohort.build_cohort, annotate --report), each read back when asked
    for: as appended, with its names made readable (report.readable_names, done once here rather than at every
    read). `names` keeps each document's sample, input and annotated_from as they were, what sample_labels reads."""

    def __init__(self) -> None:
        self._file: BinaryIO | None = None  # made at the first document: a run without one makes no file
        self._ends = array("q")  # where each document ends in the file (8 bytes a sample)
        self._unflushed = False
        self.names: list[dict[str, str | None]] = []

    def append(self, document: dict) -> None:
        from . import readable_names

        data = pickle.dumps(readable_names(document), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="alkannot-report-")
            self._file.write(data)
        except OSError as exc:  # a full temporary folder, or none usable (tempfile then names none)
            raise InputError(
                f"cannot keep the report's sample documents in the temporary folder ({exc.strerror or exc}); "
                "set TMPDIR to a writable folder with space",
                tempfile.tempdir or os.environ.get("TMPDIR") or "TMPDIR",
            ) from None
        self._ends.append((self._ends[-1] if self._ends else 0) + len(data))
        self._unflushed = True
        names = {key: document.get(key) for key in ("sample", "source", "annotated_from")}
        self.names.append(names)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        count = len(self._ends)
        if not -count <= index < count:
            raise IndexError(index)
        index %= count
        assert self._file is not None
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        start = self._ends[index - 1] if index else 0
        # pread: reading never moves the file's position, so reads and appends can interleave
        return pickle.loads(os.pread(self._file.fileno(), self._ends[index] - start, start))

    def labelled(self, labels: list[str]) -> Labelled:
        """The documents as the report reads them, each with its label (input_labels.sample_labels of `names`)."""
        from . import readable_names

        return Labelled(self, [readable_names(label) for label in labels])

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class Labelled(Sequence):
    """Spooled documents, each read with its label first, as json_report.document lays a sample out; `labels`
    answers input_labels.sample_labels, and `sample_names` view.sample_anchors, without a reading of the documents."""

    def __init__(self, documents: SpooledDocuments, labels: list[str]):
        self._documents, self.labels = documents, labels

    @property
    def sample_names(self) -> list[str]:
        """Each document's `sample` as it reads (view.sample_anchors), without a reading of the documents."""
        from . import readable_names

        return [readable_names(name["sample"]) for name in self._documents.names]

    def __len__(self) -> int:
        return len(self._documents)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        document = self._documents[index]
        return {"sample": document["sample"], "label": self.labels[index], **document}


class Rows(Sequence):
    """One value per sample, computed when the template reads it and not kept: a page for thousands of
    samples is written as it is laid out, never held in memory whole. Reads like a list (len, index,
    iterate as often as a template likes)."""

    def __init__(self, count: int, make: Callable[[int], dict]):
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._make(i) for i in range(self._count)[index]]
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._make(index % self._count)


__all__ = ["SpooledDocuments", "Labelled", "Rows"]
