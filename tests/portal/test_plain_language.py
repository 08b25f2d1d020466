"""What the family's door says to a citizen is plain bokmål: LIX 40 or below (Språkrådet's measure: words per
sentence plus the share of words longer than six letters, in per cent), over the portal's catalogue strings."""

import re
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "welfarelab" / "locale" / "nb" / "LC_MESSAGES" / "django.po"
# Staff-facing (the admin's fields) and the stand-in for ID-porten of the demo and the tests are not the door.
NOT_FOR_CITIZENS = ("models.py", "admin.py", "apps.py", "test_idporten.py", "test_idporten.html")


def lix(texts):
    sentences = [t if re.search(r"[.!?:]$", t) else f"{t}." for t in texts]  # a heading or a button is one
    text = " ".join(sentences)
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    long_words = [w for w in words if len(w.replace("-", "")) > 6]
    return len(words) / len(re.findall(r"[.!?:]+(?:\s|$)", text)) + 100 * len(long_words) / len(words)


def citizen_texts():
    for entry in polib.pofile(str(CATALOGUE)):
        files = {path for path, _line in entry.occurrences}
        if not entry.obsolete and any(
            f.startswith("welfarelab/portal/") and not f.endswith(NOT_FOR_CITIZENS) for f in files
        ):
            yield re.sub(r"<[^>]+>|%\(\w+\)s", "X", entry.msgstr).strip()


def test_lix_is_measured_as_spraakraadet_does():
    # 8 words in 1 sentence, 3 of them longer than six letters: 8 + 37.5
    assert round(lix(["Investeringslederen din heter Ingrid og hjelper familien videre."]), 1) == 45.5


def test_the_door_speaks_plain_bokmaal():
    texts = list(citizen_texts())
    assert len(texts) > 50, "the portal's strings are in the catalogue"
    assert all(texts), "every string of the door has its bokmål"
    assert lix(texts) <= 40
