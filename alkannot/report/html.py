"""PREFIX.html: the report document laid out by a Jinja2 template (alkannot's, or a lab's own).

Reads the same document as PREFIX.json; report/view.py computes texts and SVG geometry, the template only
lays them out. Escaping is the template engine's (autoescape on for every template, a lab's too); an
undefined name in a template is an error rather than a silent blank. jinja2 is imported here only, when
a page is written or a template checked, so that `alkannot --help` and plain annotation do not pay for it.
"""

from __future__ import annotations

import errno
import os
import traceback
from typing import Iterable, Iterator

from ..errors import InputError, cannot_read
from ..log import log
from . import view

BUILTIN = "alkannot/report.html.j2"  # a lab's template can {% extends %} or {% include %} this name


def environment(folder: str | None = None):
    """alkannot's templates under the prefix `alkannot/`, then the files of a lab's template folder."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"alkannot": jinja2.PackageLoader("alkannot.report", "templates")})
    ]
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(folder))
    return jinja2.Environment(  # a change to these settings changes SETTINGS below (the compiled code's cache name)
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )


SETTINGS = "autoescape1-trailingnewline1"  # the settings compiled into the code: part of the cache files' name


def _bytecode_cache():
    """Jinja2's cache of compiled templates, in its private folder in the temporary folder
    (`$TMPDIR/_jinja2-cache-<uid>`, mode 0700, checked by Jinja2), one file per template keyed by the template's
    source checksum: a changed template (alkannot's after an upgrade, or a lab's) is compiled again. Compiling
    alkannot's template took about 60 ms of every report (issue 13, region mode). A cache that cannot be made, read
    or written is no cache: the template is compiled as before, and nothing is said."""
    import jinja2

    from .. import __version__

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable, cut or not a cache file (its checksum is a pickle): compile instead
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a full or read-only temporary folder
                pass

    # compiled code also depends on the environment's settings and Jinja2's runtime, which the source checksum does
    # not see: the file name carries alkannot's and Jinja2's versions (final reading of stop 28, finding 2)
    pattern = f"__alkannot-{__version__}-jinja2-{jinja2.__version__}-{SETTINGS}-%s.cache"
    try:
        return QuietCache(pattern=pattern)
    except (OSError, RuntimeError):  # no usable temporary folder, or one Jinja2 finds unsafe (not the user's own)
        return None


def load_template(path: str | None = None):
    """The compiled template: alkannot's when path is None, else the lab's file (InputError when it is
    missing, unreadable or not a valid template, naming the file and line)."""
    import jinja2

    if path is None:
        return environment().get_template(BUILTIN)
    if not os.path.isfile(path):
        code = errno.EISDIR if os.path.isdir(path) else None if os.path.exists(path) else errno.ENOENT
        raise InputError(cannot_read("HTML template", os.strerror(code)) if code else "not a file", path)
    folder, name = os.path.split(os.path.abspath(path))
    try:
        return environment(folder).get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"template syntax error: {exc.message}", _shown(exc.filename, path), exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise InputError(_not_found(exc), path) from None
    except OSError as exc:
        raise InputError(cannot_read("HTML template", exc), path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"unreadable HTML template ({exc})", path) from None


def render(doc: dict, template_path: str | None = None) -> str:
    """The whole page as one string, for a program that wants it in memory (the report writer streams it); `doc` may
    be a saved PREFIX.json, read back: the page is the one the run wrote."""
    return "".join(stream(doc, template_path))


def stream(doc: dict, template_path: str | None = None) -> Iterator[str]:
    """The page in pieces as the template lays it out, so that thousands of samples never sit in memory
    as one page. The template is loaded and checked now; a lab's template that fails while laying out
    raises InputError naming its file and line."""
    template = load_template(template_path)
    context = dict(view.page(doc), doc=doc)
    if template_path is None:
        return template.generate(context)
    return _checked(template.generate(context), template_path)


def _checked(pieces: Iterator[str], template_path: str) -> Iterator[str]:
    import jinja2

    try:
        yield from pieces
    except jinja2.TemplateNotFound as exc:
        raise InputError(_not_found(exc), *_template_line(exc, template_path)) from None
    except Exception as exc:  # the lab's template failed on this document: say where, no traceback
        reason = f"HTML template failed: {type(exc).__name__}: {exc}"
        raise InputError(reason, *_template_line(exc, template_path)) from None
    log.info("HTML report laid out with the template %s", template_path)


def _not_found(exc) -> str:
    return f"the template includes {exc.name!r}, which is neither alkannot's nor beside the template"


def _template_line(exc: BaseException, path: str) -> tuple[str, int | None]:
    """The template file and line that failed; Jinja2 rewrites tracebacks so that template frames carry
    the template's own file name and line number."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if not f.filename.endswith(".py") and os.path.isfile(f.filename)
    ]
    if not frames:
        return path, None
    return _shown(frames[-1].filename, path), frames[-1].lineno


def _shown(filename: str | None, path: str) -> str:
    """The name a user gave for their template; other files (an include beside it) by their own path."""
    if filename is None or os.path.abspath(filename) == os.path.abspath(path):
        return path
    return filename


def save(pieces: Iterable[str], path: str) -> str:
    with open(path, "w", encoding="utf-8") as handle:
        for piece in pieces:
            handle.write(piece)
    return path


def write(doc: dict, path: str, template_path: str | None = None) -> str:
    return save(stream(doc, template_path), path)
