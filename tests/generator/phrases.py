"""Turn one Answer into the words a council would put on the page (a table cell or a sentence)."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from . import pools
from .survey import AnswerKey, Question, Survey
from .truth import CELL_MARKERS, Answer

SMALL_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
               "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
HOURS = {24: ["24 hours", "within 24 hours", "within one working day", "within a day (24 hours)", "24hrs"],
         48: ["48 hours", "within 48hrs", "within two working days", "within 2 days"],
         72: ["72 hours", "within 72 hours", "within 3 working days", "within three days (72 hours)", "72hrs",
              "within 3 days"],
         120: ["within five days", "within 5 working days", "120 hours", "within 5 days"]}
VAGUE = {"hours": ["as soon as possible", "at the earliest opportunity", "promptly, in line with guidance",
                   "as quickly as practicable"],
         "yes_no": ["Only in exceptional circumstances", "Occasionally, in an emergency", "On a case by case basis"],
         "duration": ["It is a rolling contract with no fixed term", "Ongoing - no fixed term",
                      "The term varies by call-off"],
         "date": ["Spring {y}", "The end of {y}", "{m} {y}", "Some time in {y}"]}
POLICY = {"yes": ["Yes", "Yes, without exception", "Yes - in every case", "Yes, for all {g}"],
          "partial": ["Not in every case", "Most, but not all", "Only in some circumstances",
                      "Not routinely - only where there are particular concerns"],
          "no": ["No", "No, this is not offered", "The council does not do this"]}
GENERIC_TEAMS = ["Early Help Team", "Children's Services", "Family Support Service", "Targeted Youth Support"]
GENERIC_PROVIDERS = ["a local charity", "an external provider"]


class Style:
    """The choices one reply keeps to throughout (number format, markers, labels, footnotes)."""

    def __init__(self, survey: Survey, rng: random.Random, marker: str, unicode_ok: bool = True) -> None:
        self.survey, self.rng, self.unicode_ok = survey, rng, unicode_ok
        self.comma = rng.random() < 0.7
        self.marker = marker
        self.cell_marker = marker if marker in CELL_MARKERS else rng.choice(CELL_MARKERS)
        syms = ["¹", "*", "†", "(1)"] if unicode_ok else ["*", "(1)", "¹"]
        self.foot_sym = rng.choice(syms)
        self.footnote_rate = rng.choice([0, 0, 0.08, 0.15])
        self.pct_rate = rng.choice([0, 0, 0.1])
        self.lead = rng.choice(pools.ANSWER_LEADS)
        self.not_held_cell = rng.choice(pools.NOT_HELD_CELL)
        self.date_fmt = rng.choice(["%d %B %Y", "{ord} %B %Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%b-%Y"])
        self.money_short = rng.random() < 0.3
        self.words_rate = rng.choice([0, 0.2])
        plabels: dict[str, list[str]] = {}
        for q in survey.questions:
            for p, lab in q.part_labels.items():
                plabels.setdefault(p, []).append(lab)
        avoid = set(survey.extra.get("avoid_words") or [])
        self.groups = {p: rng.choice([g.get("label", "")] + [w for w in _names(g.get("words")) if w not in avoid]
                                     + plabels.get(p, [])
                                     if rng.random() < 0.6 else [g.get("label", "")]) or p
                       for p, g in survey.groups.items()}
        labels = survey.extra.get("labels") or {}
        self._syn = {t: rng.choice([t] + list(w)) for t, w in survey.terms.items() if w}
        self.labels = {q.id: _unit_label(q, self._terms(rng.choice(list(labels.get(q.id) or []) + list(q.aliases)
                                                                  or [short_label(q)])))
                       for q in survey.questions}
        self.team = rng.choice(survey.extra.get("in_house_teams") or GENERIC_TEAMS)
        self.providers = survey.providers or GENERIC_PROVIDERS
        self.notes: list[str] = []
        self.footnotes: list[str] = []
        self.used_marker = False
        self.part_tag = rng.choice(["({p}) ", "{p}) ", "{G}: ", "{p}. ", "({p}) {G}: "])
        self.reverse_parts = rng.random() < 0.15
        self.qnum_rows = rng.random() < 0.3      # table rows labelled "Q5 ..."
        self.hide_small_subperiods = rng.random() < 0.7  # small months/quarters hidden when a total is given

    def tag(self, part: str) -> str:
        """The reply's marker for a question part ('(a) ', 'Children in care: ')."""
        g = self.group(part)
        return self.part_tag.format(p=part, G=g[:1].upper() + g[1:])

    def _terms(self, label: str) -> str:
        """Swap a topic term for one of its synonyms (chosen once per reply)."""
        for term, syn in self._syn.items():
            if syn != term:
                label = re.sub(r"\b" + re.escape(term) + r"s?\b", syn, label, flags=re.I)
        return label

    def group(self, part: str | None) -> str:
        """The reply's word for a part's cohort."""
        return self.groups.get(part, f"part ({part})") if part else ""

    def note_marker(self, m: str) -> None:
        """Remember that a suppression marker was used (a note is added once)."""
        if not self.used_marker:
            self.used_marker = True
            self.notes.append(self.rng.choice(pools.SUPPRESSION_NOTES).format(m=m))


def _names(words: list | None) -> list[str]:
    """Group words that can stand as a name on their own: phrases and acronyms, not fragments like 'care'."""
    out = []
    for w in words or []:
        w = str(w)
        if (len(w.split()) >= 2 and not w.lower().startswith(("in ", "from ", "at ", "missing from"))) or \
                (w.isupper() or w in ("CiC",)) and len(w) <= 6:
            out.append(w)
    return out


def _unit_label(q: Question, label: str) -> str:
    """Percent and money labels say their unit, so a bare number in a cell is still readable."""
    if q.type == "percent" and "%" not in label and "percent" not in label.lower():
        return label + " (%)"
    if q.type == "money" and "£" not in label:
        return label + " (£)"
    return label


def short_label(q: Question) -> str:
    """A short label from a question's text when the vocabulary has none."""
    if q.aliases:
        return q.aliases[0]
    t = re.sub(r"\?.*$", "", q.text).strip()
    t = re.sub(r"^(In the period, |In the year, )", "", t)
    if len(t) > 90:
        t = t[:90].rsplit(" ", 1)[0] + " ..."
    return t or q.id


def fmt_int(v: int, st: Style) -> str:
    """A whole number with or without thousands separators."""
    return f"{v:,}" if st.comma else str(v)


def _ord(d: int) -> str:
    return f"{d}{'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def fmt_date(d: dt.date, fmt: str) -> str:
    """A date in one of the formats councils use."""
    return d.strftime(fmt.replace("{ord}", _ord(d.day)))


def fmt_money(v: float, st: Style, rng: random.Random) -> str:
    """Pounds as written ('£1,234', '£1,234.50', '£1.2m')."""
    if st.money_short and v >= 1_000_000 and round(v) % 100_000 == 0:
        m = v / 1_000_000
        return rng.choice(["£{}m", "£{} million", "£{}M"]).format(f"{m:g}")
    if v != int(v):
        return f"£{v:,.2f}"
    return f"£{int(v):,}" if st.comma or v < 1000 else f"£{int(v)}"


def fmt_duration(v: int, unit: str, rng: random.Random) -> str:
    """A duration in the question's unit or a bigger one."""
    if unit == "months" and v % 12 == 0 and rng.random() < 0.6:
        y = v // 12
        return f"{y} year" if y == 1 else f"{y} years"
    one = unit[:-1]
    return f"{v} {one}" if v == 1 else f"{v} {unit}"


def count_text(a: Answer, st: Style, prose: bool) -> str:
    """A reported count, sometimes in words, with a footnote marker or a percentage."""
    v = int(a.value)
    rng = st.rng
    if v == 0 and rng.random() < 0.4:
        return rng.choice(["nil", "None", "Zero", "0"]) if not prose else rng.choice(["nil", "none", "0"])
    if prose and v <= 20 and rng.random() < st.words_rate:
        return SMALL_WORDS[v]
    s = fmt_int(v, st)
    if rng.random() < st.footnote_rate and len(st.footnotes) < 3:
        notes = pools.FOOTNOTES + list(st.survey.extra.get("footnotes") or [])
        st.footnotes.append(rng.choice([f for f in notes if f not in st.footnotes]))
        s += footnote_mark(st, len(st.footnotes))
    elif a.extra.get("pct") is not None and rng.random() < st.pct_rate * 3:
        s += f" ({a.extra['pct']}%)"
    return s


def footnote_mark(st: Style, n: int) -> str:
    """The marker of footnote n in this reply's style."""
    return {"¹": "¹²³"[n - 1], "*": "*" * n, "†": "†" * n, "(1)": f"({n})"}[st.foot_sym]


def reported_text(a: Answer, k: AnswerKey, st: Style, prose: bool = False) -> str:
    """The words for a reported value of any type."""
    t, v, rng = k.question.type, a.value, st.rng
    if t == "count":
        return count_text(a, st, prose)
    if t == "policy":
        pool = (st.survey.extra.get("policy_phrases") or {}).get(v) or POLICY[v]
        return rng.choice(pool).format(g=st.group(k.part) or st.survey.extra.get("people", "cases"))
    if t == "provider":
        prov = a.extra.setdefault("provider_name", rng.choice(st.providers))
        team = a.extra.setdefault("team", st.team)
        if v == "in_house":
            return rng.choice([f"In-house - our {team}", f"Our own {team} (council staff)",
                               f"They are carried out by the council's {team}; we do not commission anyone",
                               f"In-house team ({team})"])
        if v == "commissioned":
            return rng.choice([f"Commissioned - {prov}", f"{prov} (commissioned service)",
                               f"We commission {prov} to deliver this",
                               f"An external provider, {prov}, delivers them under contract"])
        both = [f"Both: our {team} for {st.group('a')} and {prov} for {st.group('b')}"] if len(st.groups) >= 2 \
            else [f"Both: our {team} and {prov}, depending on the case"]
        return rng.choice(both + [
                           f"Mixed - in-house staff and a commissioned provider ({prov})",
                           f"A mix of the council's {team} and {prov}, which we commission"])
    if t == "hours":
        return rng.choice(HOURS.get(int(v), [f"{v} hours"]))
    if t == "percent":
        return rng.choice(["{}%", "{}%", "{} per cent", "{} %"]).format(v)
    if t == "money":
        return fmt_money(float(v), st, rng)
    if t == "duration":
        return fmt_duration(int(v), k.question.unit or "months", rng)
    if t == "date":
        return fmt_date(v, st.date_fmt)
    if t == "yes_no":
        return rng.choice(["Yes", "Yes.", "Yes - it was", "Yes, at that date"] if v == "yes"
                          else ["No", "No.", "No - not at that date", "No, it was not"])
    if t == "choice":
        ids = v if isinstance(v, list) else [v]
        names = [_option_word(k.question.options[i], rng) for i in ids]
        rng.shuffle(names)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return str(v)


def _option_word(opt: dict, rng: random.Random) -> str:
    words = [opt.get("label", "")] + list(opt.get("words") or [])
    return rng.choice([w for w in words if w]) if rng.random() < 0.4 else opt.get("label", "")


def cell(a: Answer, k: AnswerKey, st: Style) -> str:
    """Short text for a table cell ('' for a blank cell)."""
    rng = st.rng
    s = a.status
    if s == "reported":
        return reported_text(a, k, st)
    if s == "suppressed":
        st.note_marker(st.cell_marker)
        return st.cell_marker
    if s == "not_held":
        if a.extra.get("system_change"):
            _system_note(st)
        return st.not_held_cell
    if s == "refused":
        return rng.choice(pools.REFUSED_CELL.get(a.shown, ["Exempt"]))
    if s == "not_answered":
        return ""
    return review_text(a, k, st, cellish=True)


def _system_note(st: Style) -> None:
    y = st.survey.periods[-1].start.year
    note = st.rng.choice(pools.SYSTEM_CHANGE).format(y=y)
    if not any("system" in n for n in st.notes):
        st.notes.append(note)


def review_text(a: Answer, k: AnswerKey, st: Style, cellish: bool) -> str:
    """Words that address the key without one exact value."""
    rng, t = st.rng, k.question.type
    if a.form == "approx":
        if t == "money":
            return rng.choice(["approximately £{}m", "around £{}m", "c. £{}m"]).format(f"{a.shown:g}")
        if t == "percent":
            return rng.choice(["around {}%", "approximately {}%", "roughly {}%"]).format(a.shown)
        return rng.choice(pools.APPROX_WORDS).format(n=fmt_int(int(a.shown), st))
    if a.form == "percent_only":
        p = a.extra.get("pct_shown", 0)
        return f"{p}%" if cellish and rng.random() < 0.5 else f"{p}% of {_den_label(a, st)}"
    if a.form == "combined":
        return rng.choice(pools.COMBINED_CELL if cellish else pools.COMBINED_SENT).format(n=fmt_int(int(a.shown), st))
    if a.form == "vague":
        pool = (st.survey.extra.get("vague") or {}).get(t) or VAGUE.get(t, ["It varies"])
        y = st.survey.sent.year + rng.randint(1, 3)
        return rng.choice(pool).format(y=y, m=rng.choice(pools.MONTHS))
    return "See note"


def _den_label(a: Answer, st: Style) -> str:
    den = a.extra.get("of", "")
    try:
        dk = st.survey.key(den)
    except KeyError:
        return "cases"
    g = st.group(dk.part)
    return f"{st.labels.get(dk.question.id, 'cases')}" + (f" ({g})" if g else "")


def sentence(a: Answer, k: AnswerKey, st: Style) -> str | None:
    """A full answer for one key in a letter (None when the key is skipped)."""
    rng, s = st.rng, a.status
    if s == "not_answered":
        return None
    if s == "not_held":
        if a.extra.get("system_change"):
            _system_note(st)
        return rng.choice(pools.NOT_HELD)
    if s == "refused":
        return rng.choice(pools.REFUSAL_REASON.get(a.shown, ["This information is exempt from disclosure."]))
    if s == "suppressed":
        st.note_marker(st.marker)
        return st.marker if rng.random() < 0.6 else f"{st.marker} (small number)"
    if s == "needs_review":
        return review_text(a, k, st, cellish=False)
    txt = reported_text(a, k, st, prose=True)
    t = k.question.type
    two_stage = st.survey.extra.get("hours_two_stage")
    if t == "hours" and two_stage and rng.random() < 0.25:
        later = {24: "72 hours", 48: "5 working days", 72: "5 working days", 120: "10 working days"}.get(int(a.value))
        if later:
            within = txt if txt.startswith("within") else f"within {txt}"
            return two_stage.format(first=within, later=later)
    return txt


def prepare(survey: Survey, answers: dict[str, Answer]) -> None:
    """Fill in render-time figures that depend on other keys (percentages of a denominator)."""
    of = survey.extra.get("percent_of") or {}
    for key, a in answers.items():
        k = survey.key(key)
        den_key = of.get(k.base)
        if den_key and k.key != k.base:
            den_key = f"{den_key}@{k.period}"
        den = answers.get(den_key) if den_key else None
        lat = den.latent if den is not None else None
        if a.form == "percent_only":
            a.extra["of"] = den_key
            a.extra["pct_shown"] = round(100 * a.latent / lat) if lat else 50
        elif a.status == "reported" and k.question.type == "count" and lat:
            a.extra["pct"] = round(100 * a.value / lat)


def unicode_safe(s: str, unicode_ok: bool) -> str:
    """Text that a core (latin-1) font can draw."""
    if unicode_ok:
        return s
    s = s.replace("’", "'").replace("–", "-").replace("—", "-").replace("†", "*").replace("≤", "<=")
    return s.encode("latin-1", "replace").decode("latin-1")


def any_text(v: Any) -> str:
    """str() that leaves '' for None."""
    return "" if v is None else str(v)
