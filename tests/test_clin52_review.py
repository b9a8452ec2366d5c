"""Clinical read of stop 52 (a thoracic oncologist's and a molecular pathologist's reading of what the report prints),
through the installed CLI on the README example."""

from __future__ import annotations

import re

from helpers import readme_reports


def _labels(page: str, sample: str) -> list[str]:
    box = re.search(rf'id="s-{sample}".*?<div class="pgpnote[^"]*">(.*?)</div>', page, re.S).group(1)
    return re.findall(r'<p class="pgppart"><b>([^<]*):</b>', box)


def test_the_p_gp_box_labels_say_what_each_paragraph_is_about(tmp_path):
    """'Frequency' (of what?), 'Other inhibitors' (than which?), 'The full advice' (whose?) and 'ABCB1 expression'
    (read by a pathologist as IHC, where the figure is RNA, TPM) named the part's kind, not its subject."""
    samples, _, page, _ = readme_reports(tmp_path / "ex")
    p4 = _labels(page, "P4_T")
    assert p4[:2] == ["How often P-gp overexpression is found", "Activity after this treatment history"]
    assert not {"Frequency", "Other inhibitors"} & set(p4)
    assert _labels(page, "P5_T")[-1] == "ABCB1 RNA expression"
    assert "ABCB1 expression 3.2 TPM" in samples["P5_T"]["pgp"]["note"]  # the note's own words are unchanged
    assert _labels(page, "P7_T") == ["Other genes checked", "Held back until the ALK status is known"]
    assert (
        "<b>Held back until the ALK status is known:</b> Give the ALK status in the sample sheet for the full P-gp advice"
        in (page)
    )
