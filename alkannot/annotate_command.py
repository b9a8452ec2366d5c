"""`alkannot annotate`'s work once its command line is read, by click (cli.annotate) or by quick_args (the console
script's quick start, command_run.run_quick): the values checked, the options made and the file annotated. No click
here: both readers call `run` with the same values, so that a run says and writes the same whichever read it."""

from __future__ import annotations

from typing import Any


def run(params: dict[str, Any], input_defaulted: bool, template_given: bool, invoked_args: tuple[str, ...]) -> None:
    """Annotate as the command line asks. `params`: annotate's values by their click names, as click converts them
    (input_path, output, output_type: (letter, level) or None, compression_level, write_index, build, sv_paths,
    fusion_paths, samples_path, tumor, min_vaf, report_prefix, html_template, threads, kb_dir, no_version, strict);
    `input_defaulted`: no INPUT was given (the '-' is the default); `template_given`: --html-template was given on the
    command line (not from ALKANNOT_HTML_TEMPLATE); `invoked_args`: the run's arguments, for ##alkannotCommand."""
    from . import command_run
    from .annotate import annotate_file
    from .options import (
        AnnotateOptions,
        check_annotate_values,
        check_compression_level,
        command_line,
        warn_type_against_name,
    )
    from .roles import refuse_empty_name
    from .run_paths import refuse_empty_paths, refuse_terminal_input
    from .vcfio import output_type_for

    command_run.started()
    p = params
    input_path, output, report_prefix = p["input_path"], p["output"], p["report_prefix"]
    paths = {"--sv": p["sv_paths"], "--fusions": p["fusion_paths"], "--kb": p["kb_dir"]}
    refuse_empty_paths(
        {"INPUT": input_path, "-o/--output": output, "--report": report_prefix, "--samples": p["samples_path"]},
        {**paths, "--html-template": p["html_template"]},
    )
    refuse_empty_name(p["tumor"])
    refuse_terminal_input(input_path, input_defaulted)
    output_type, output_level = p["output_type"] or (None, None)
    kind = output_type_for(output, output_type)
    compression_level = check_compression_level(output_level, p["compression_level"], kind)
    report = (report_prefix, p["html_template"], template_given)
    html_template = check_annotate_values(output, kind, p["write_index"], p["min_vaf"], p["threads"], report)
    if html_template is not None:  # a broken template stops the run before any work (and before any output)
        from .report.html import load_template

        load_template(html_template)
    options = AnnotateOptions(
        input_path=input_path,
        output_path=output,
        output_type=output_type,
        compression_level=compression_level,
        write_index=p["write_index"],
        build=p["build"],
        sv_paths=tuple(p["sv_paths"]),
        fusion_paths=tuple(p["fusion_paths"]),
        samples_path=p["samples_path"],
        tumor=p["tumor"],
        min_vaf=p["min_vaf"],
        report_prefix=report_prefix,
        threads=p["threads"],
        command_line=command_line(invoked_args),
        kb_dir=p["kb_dir"],
        html_template=html_template,
        no_version=p["no_version"],
        strict=p["strict"],
    )
    annotate_file(options)
    warn_type_against_name(output, kind)
