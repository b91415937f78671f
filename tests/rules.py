"""Where plans stand, by the rules of docs/, recomputed in Python from the
plan files and their progress logs alone: the independent side of the
tests that check every figure kehoach shows (tests/progress/replay.py,
tests/report/figures.py and readback.py, tests/deadlines/formats.py).

Only the occurrence windows come from kehoach: `kehoach deadlines
--format json` on copies of the plans without their logs lists every
window their time phrases imply (the phrases are checked by their own
tests). States, percents, counts, targets and what is expected of them,
days late and left are computed here, from the words of docs/plan-format.md
and docs/reports.md:

  - an occurrence: its latest record on or before the date (by date, then
    by place in the log) says cancelled; done on or before the due date;
    done after it (done late); else overdue when due before the date; in
    progress when a record says so; planned before its window opens;
    open. Its percent: 100 when done, else the latest percent reported;
  - an activity: its most pressing occurrence (an overdue one first; when
    all are finished, cancelled / done late / done; else the first one
    not finished), its percent the mean over its occurrences not
    cancelled, rounded half up;
  - a target: its latest measured value against the goal; a rate (unit
    "%") should hold at once, a count grow with the days elapsed from the
    start of the first window to the due date of the last;
  - counts by state roll up to sections, lead units (each name taken as
    the unit the unit rule finds, an activity counted once per unit) and
    plans; a plan's percent is the mean of its activities not cancelled.
"""
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import namedtuple

import yaml

import yaml12

STATES = ("planned", "open", "in-progress", "done", "done-late", "overdue", "cancelled")
FINISHED = ("done", "done-late", "cancelled")
# The words of the states, written here again on purpose: the tests do not
# take them from the engine they check.
LABEL = {
    "planned": "Chưa đến kỳ", "open": "Đang mở", "in-progress": "Đang thực hiện",
    "done": "Hoàn thành", "done-late": "Hoàn thành muộn", "overdue": "Quá hạn",
    "cancelled": "Hủy bỏ",
}
WORDS = {state: label.lower() for state, label in LABEL.items()}

Window = namedtuple("Window", "key label start end due")
Target = namedtuple("Target", "name value unit")
Occurrence = namedtuple("Occurrence", "window state percent last")
Measure = namedtuple("Measure", "target accumulates expected actual measured_on on_track")
# A lead unit's group: its registered name (or the name as first written),
# its id, whether a registry lacks it, and its activities counted once each.
LeadGroup = namedtuple("LeadGroup", "label id unregistered counts")


def chart_label(group):
    """A lead group as the report's chart names it."""
    return UNREGISTERED + group.label if group.unregistered else group.label


def day(text):
    return datetime.date.fromisoformat(str(text))


def days(start, end):
    """The days from start to end: positive when end is later."""
    return (end - start).days


def vn(d):
    """A date as Vietnamese documents write it: 05/03/2026."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def rounded_mean(total, count):
    """The mean of whole percents, rounded half up (0 without any)."""
    return (total + count // 2) // count if count else 0


# --- text compared as kehoach compares unit names (docs/plan-format.md,
# "Unit registry")

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _word_char(c):
    return unicodedata.category(c)[0] in "LM"


def fold(text):
    """Case folded, each word's tone mark at its end, NFC, white space
    collapsed, trailing . ; , : dropped."""
    s = unicodedata.normalize("NFD", text.casefold())
    out, word = [], []

    def flush():
        tone = next((c for c in word if c in TONES), None)
        rest = list(word)
        if tone:
            rest.remove(tone)
            rest.append(tone)
        out.extend(rest)
        word.clear()

    for c in s:
        if _word_char(c):
            word.append(c)
        else:
            flush()
            out.append(c)
    flush()
    s = " ".join(unicodedata.normalize("NFC", "".join(out)).split())
    while s and s[-1] in ".;,:":
        s = s[:-1].rstrip(" ")
    return s



# --- which unit a name is: the unit rule of docs/plan-format.md, again ---

UNREGISTERED = "Chưa đăng ký: "      # the chart's label of a name no registry has


def unit_key(s):
    """A unit name's key: case folded, NFC, every dash '-', white space
    collapsed, trailing . ; , : dropped."""
    s = unicodedata.normalize("NFC", s).casefold()
    s = "".join("-" if unicodedata.category(c) == "Pd" else c for c in s)
    s = " ".join(s.split())
    return s.rstrip(".;,: ")


def unit_loose(s):
    """The key without diacritics (đ as d)."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unit_key("".join(c for c in s if unicodedata.category(c) != "Mn"))


def unit_generic(name):
    words = unit_loose(name)
    return (name[:1].islower() or words.split(" ")[0] in ("cac", "nhung")
            or words.endswith("co lien quan"))


class Registry:
    """The units of a plan and of its folder's units.yaml."""

    def __init__(self, units):
        self.units = {u["id"]: u for u in units}
        self.exact, self.loose = {}, {}
        for u in units:
            for n in [u["id"], u["name"]] + list(u.get("aliases") or []):
                self.exact.setdefault(unit_key(n), u["id"])
                self.loose.setdefault(unit_loose(n), set()).add(u["id"])

    def plain(self, name):
        """('unit', id), ('generic', None) or (None, None)."""
        if unit_key(name) in self.exact:
            return "unit", self.exact[unit_key(name)]
        found = self.loose.get(unit_loose(name), set())
        if len(found) == 1:
            return "unit", next(iter(found))
        return ("generic", None) if unit_generic(name) else (None, None)

    def resolve(self, name):
        """What plain() says, and for "A (B)" B within A."""
        kind, unit = self.plain(name)
        m = re.match(r"^(.+?)\((.*)\)[ .]*$", name)
        if kind is None and m:
            outer, inner = self.plain(m.group(1)), self.plain(m.group(2))
            if outer[0] and inner[0]:
                unit = inner[1] or outer[1]
                kind = "unit" if unit else "generic"
        return kind, unit

    def group(self, name):
        """The lead group a name counts in: (identity, label, id, unregistered)."""
        kind, unit = self.resolve(name)
        if unit:
            return ("u", unit), self.units[unit]["name"], unit, False
        return ("n", unit_loose(name)), name, None, kind is None and bool(self.units)


# --- the files ---------------------------------------------------------

class Section:
    def __init__(self, doc, parent):
        self.id = str(doc["id"]) if "id" in doc else None
        self.title = doc.get("title")
        self.parent = parent

    def within(self, other):
        """True when this section is other or lies inside it."""
        s = self
        while s:
            if s is other:
                return True
            s = s.parent
        return False


class Activity:
    def __init__(self, doc, section, inherited):
        self.doc = doc
        self.id = str(doc["id"])
        self.title = doc.get("title")
        self.section = section
        self.lead = units(doc["lead"]) if "lead" in doc else inherited["lead"]
        self.partners = units(doc["partners"]) if "partners" in doc else inherited["partners"]
        time = doc["time"] if "time" in doc else inherited["time"]
        self.time = time.get("phrase") if isinstance(time, dict) else time
        self.output = doc.get("output")
        self.targets = [Target(t["name"], t.get("value"), t.get("unit"))
                        for t in doc.get("targets") or []]


class Duty:
    def __init__(self, doc):
        self.by = units(doc.get("by"))
        self.to = units(doc.get("to"))
        self.what = doc.get("what")
        self.when = doc.get("when")
        self.text = doc.get("text")


def units(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Plan:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = yaml12.load(f.read())
        self.path = path
        self.doc = doc
        self.id = doc["id"]
        if "year" in doc:
            self.years = (doc["year"], doc["year"])
        else:
            self.years = (doc["span"]["from"], doc["span"]["to"])
        self.sections, self.activities = [], []
        inherited = {"lead": [], "partners": [], "time": None}
        self._read_sections(doc.get("sections") or [], None, self._inherit(inherited, doc))
        self.duties = [Duty(r) for r in doc.get("reports") or []]
        units = list(doc.get("units") or [])
        folder = os.path.join(os.path.dirname(path), "units.yaml")
        if os.path.exists(folder):
            with open(folder, encoding="utf-8") as f:
                units += yaml12.load(f.read())["units"]
        self.registry = Registry(units)
        log_path = path[:-len(".yaml")] + ".progress.yaml"
        self.log_path = log_path if os.path.exists(log_path) else None
        self.records = read_log(log_path) if self.log_path else []

    @staticmethod
    def _inherit(outer, doc):
        d = doc.get("defaults") or {}
        return {"lead": units(d["lead"]) if d.get("lead") else outer["lead"],
                "partners": units(d["partners"]) if d.get("partners") else outer["partners"],
                "time": d["time"] if "time" in d else outer["time"]}

    def _read_sections(self, docs, parent, inherited):
        for doc in docs:
            sec = Section(doc, parent)
            self.sections.append(sec)
            inner = self._inherit(inherited, doc)
            for a in doc.get("activities") or []:
                self.activities.append(Activity(a, sec, inner))
            self._read_sections(doc.get("sections") or [], sec, inner)


def read_log(path):
    """The records, each a dict with its place in the log ("order") and the
    line it starts on ("line", as PyYAML's parser sees it)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = yaml12.load(text)
    root = yaml.compose(text, Loader=yaml12.Yaml12Loader)
    nodes = next(v for k, v in root.value if k.value == "records").value
    records = []
    for i, (r, node) in enumerate(zip(doc.get("records") or [], nodes)):
        r = dict(r, order=i, line=node.start_mark.line + 1, date=day(r["date"]))
        records.append(r)
    return records


def shown(registry, names, ids=False):
    """Unit names as every output shows them (docs/plan-format.md, "Units in
    outputs"): each registered unit once, where it is first named, by its
    registered name (ids: its id); a name no unit has as written (ids: left
    out)."""
    out, seen = [], set()
    for name in names:
        kind, unit = registry.resolve(name)
        if unit in seen:
            continue
        if unit:
            seen.add(unit)
            out.append(unit if ids else registry.units[unit]["name"])
        elif not ids:
            out.append(name)
    return out


def issuer_parent(plan):
    """The governing body of the plan's issuer (plan.issuer_parent): the
    registered name of the parent of the unit the issuer's name resolves to;
    None when there is none."""
    reg = plan.registry
    _, unit = reg.resolve(plan.doc.get("issuer") or "")
    parent = reg.units[unit].get("parent") if unit else None
    found = reg.exact.get(unit_key(parent)) if parent else None
    return reg.units[found]["name"] if found and found != unit else None


def lead_units(plan, activity):
    """The lead groups (Registry.group) an activity counts in, each once, in
    the order its leads are written."""
    groups = {}
    for name in activity.lead:
        group = plan.registry.group(name)
        groups.setdefault(group[0], group)
    return list(groups.values())


def plan_files(plans_dir):
    """The plans of a folder: its YAML files but progress logs, the unit
    registry and templates (left out by their names, as kehoach does)."""
    return sorted(p for p in glob.glob(os.path.join(plans_dir, "*.yaml"))
                  if not p.endswith((".progress.yaml", ".template.yaml"))
                  and not is_notes(p) and os.path.basename(p) != "units.yaml")


def is_notes(path):
    """A plan's notes for a period (PLAN.notes-PERIOD.yaml): not a plan."""
    return re.search(r"\.notes-[^./]+\.ya?ml$", path) is not None


# --- the windows, from kehoach deadlines --------------------------------

def run_json(kehoach, args, cwd=None):
    proc = subprocess.run([kehoach] + args, capture_output=True, timeout=300, cwd=cwd)
    if proc.returncode != 0:
        sys.exit(f"kehoach {' '.join(args)} exited {proc.returncode}: "
                 f"{proc.stderr.decode(errors='replace')[:500]}")
    return json.loads(proc.stdout)


def read_windows(kehoach, plans):
    """{(plan id, activity id): [Window]} and {(plan id, duty number): [Window]}
    (duties numbered from 1 in the plan's order), each in due order."""
    with tempfile.TemporaryDirectory(prefix="kehoach-windows-") as work:
        folders = []
        for i, p in enumerate(plans):
            # each plan in a folder of its own, with its folder's registry:
            # units are named as that registry names them
            folders.append(os.path.join(work, str(i)))
            os.mkdir(folders[-1])
            shutil.copy(p.path, folders[-1])
            registry = os.path.join(os.path.dirname(p.path), "units.yaml")
            if os.path.exists(registry):
                shutil.copy(registry, folders[-1])
        items = run_json(kehoach, ["deadlines"] + folders + ["--as-of", "1900-01-01",
                                   "--format", "json"])["items"]
    duty_of = {}
    for p in plans:
        for n, d in enumerate(p.duties, 1):
            key = (p.id, d.what, tuple(shown(p.registry, d.by)), tuple(shown(p.registry, d.to)),
                   d.when)
            if key in duty_of:
                sys.exit(f"{p.id}: two reporting duties alike; the test cannot tell them apart")
            duty_of[key] = n
    activities, duties = {}, {}
    for it in items:
        w = Window(it["occurrence"], it["occurrence_label"], day(it["from"]), day(it["to"]),
                   day(it["due"]))
        if it["kind"] == "activity":
            activities.setdefault((it["plan"], it["id"]), []).append(w)
        else:
            n = duty_of[(it["plan"], it["title"], tuple(it["lead"]), tuple(it["partners"]),
                         it["time"])]
            duties.setdefault((it["plan"], n), []).append(w)
    for occ in list(activities.values()) + list(duties.values()):
        occ.sort(key=lambda w: (w.due, w.start))
    return activities, duties


# --- status ------------------------------------------------------------

def latest(records):
    return max(records, key=lambda r: (r["date"], r["order"])) if records else None


def occurrence_status(window, records, as_of):
    """One occurrence from the records about it (any order)."""
    seen = [r for r in records if r["date"] <= as_of]
    last = latest(seen)
    with_percent = latest([r for r in seen if "percent" in r])
    percent = with_percent["percent"] if with_percent else 0
    if last and last["state"] == "cancelled":
        state = "cancelled"
    elif last and last["state"] == "done":
        state, percent = ("done" if last["date"] <= window.due else "done-late"), 100
    elif window.due < as_of:
        state = "overdue"
    elif last:
        state = "in-progress"
    elif window.start > as_of:
        state = "planned"
    else:
        state = "open"
    return Occurrence(window, state, percent, last)


def activity_state(states):
    if not states:
        return "planned"
    if "overdue" in states:
        return "overdue"
    if all(s in FINISHED for s in states):
        if all(s == "cancelled" for s in states):
            return "cancelled"
        return "done-late" if "done-late" in states else "done"
    return next(s for s in states if s not in FINISHED)


def due_of(state, occ):
    """The due date of the occurrence that sets the state they add up to."""
    if not occ:
        return None
    if state == "overdue":
        return next(o for o in occ if o.state == "overdue").window.due
    if all(o.state in FINISHED for o in occ):
        return occ[-1].window.due
    return next(o for o in occ if o.state not in FINISHED).window.due


class ActivityStatus:
    def __init__(self, activity, windows, records, as_of):
        self.activity = activity
        mine = [r for r in records if "activity" in r and str(r["activity"]) == activity.id]
        self.occurrences = [
            occurrence_status(w, [r for r in mine if r.get("occurrence", w.key) == w.key], as_of)
            for w in windows]
        states = [o.state for o in self.occurrences]
        self.state = activity_state(states)
        counted = [o.percent for o in self.occurrences if o.state != "cancelled"]
        self.percent = rounded_mean(sum(counted), len(counted))
        self.due = due_of(self.state, self.occurrences)
        seen = [r for r in mine if r["date"] <= as_of]
        self.last = latest(seen)
        self.last_note = latest([r for r in seen if r.get("note") is not None])
        self.measures = [self._measure(t, windows, seen, as_of) for t in activity.targets]

    @property
    def occurrences_done(self):
        return sum(o.state in ("done", "done-late") for o in self.occurrences)

    @property
    def occurrences_finished(self):
        return sum(o.state in FINISHED for o in self.occurrences)

    @staticmethod
    def _measure(target, windows, seen, as_of):
        goal = target.value if isinstance(target.value, (int, float)) else 0
        accumulates = target.unit != "%"
        expected = goal
        if accumulates and windows:
            start = min(w.start for w in windows)
            total = days(start, windows[-1].due) + 1
            elapsed = days(start, as_of) + 1
            share = 0 if elapsed <= 0 else 1 if elapsed >= total else elapsed / total
            expected = goal * share
        def value_in(r):
            return next((v for name, v in (r.get("values") or {}).items()
                         if fold(name) == fold(target.name)), None)

        measured = latest([r for r in seen if value_in(r) is not None])
        if not measured:
            return Measure(target, accumulates, expected, None, None, None)
        actual = value_in(measured)
        return Measure(target, accumulates, expected, actual, measured["date"], actual >= expected)


class Counts:
    """Activities by state, and what their percent averages to."""

    def __init__(self):
        self.n = dict.fromkeys(STATES, 0)
        self.total = self.percent_sum = self.percent_count = 0

    def add(self, status):
        self.n[status.state] += 1
        self.total += 1
        if status.state != "cancelled":
            self.percent_sum += status.percent
            self.percent_count += 1

    def merge(self, other):
        for s in STATES:
            self.n[s] += other.n[s]
        self.total += other.total
        self.percent_sum += other.percent_sum
        self.percent_count += other.percent_count

    @property
    def percent(self):
        return rounded_mean(self.percent_sum, self.percent_count)


class DutyStatus:
    """A report the plan asks for (BC<number>) as of a date: each window's
    occurrence, and the state they add up to as an activity's do."""

    def __init__(self, plan, number, windows, as_of):
        self.id = f"BC{number}"
        self.duty = plan.duties[number - 1]
        self.occurrences = [duty_status(plan, number, w, as_of) for w in windows]
        self.state = activity_state([o.state for o in self.occurrences])
        self.due = due_of(self.state, self.occurrences)
        self.last = latest([r for r in plan.records
                            if r.get("report") == self.id and r["date"] <= as_of])


class PlanStatus:
    def __init__(self, plan, windows, as_of, duties=None):
        """duties: the reports' windows, as read_windows gives them, for
        self.duties (DutyStatus of each report with a window)."""
        self.plan = plan
        self.as_of = as_of
        self.activities = [ActivityStatus(a, windows.get((plan.id, a.id), []),
                                          plan.records, as_of) for a in plan.activities]
        self.duties = [DutyStatus(plan, n, duties[(plan.id, n)], as_of)
                       for n in range(1, len(plan.duties) + 1)
                       if duties and duties.get((plan.id, n))]
        self.counts = Counts()
        for s in self.activities:
            self.counts.add(s)
        self.sections = []
        for sec in plan.sections:
            c = Counts()
            for s in self.activities:
                if s.activity.section.within(sec):
                    c.add(s)
            self.sections.append((sec, c))
        self.leads = []              # LeadGroup, in the order the units first lead
        found = {}
        for s in self.activities:
            for ident, label, unit, unregistered in lead_units(plan, s.activity):
                if ident not in found:
                    found[ident] = LeadGroup(label, unit, unregistered, Counts())
                    self.leads.append(found[ident])
                found[ident].counts.add(s)

    def targets(self):
        """All, measured, on track."""
        ms = [m for s in self.activities for m in s.measures]
        return len(ms), sum(m.actual is not None for m in ms), sum(bool(m.on_track) for m in ms)


def duty_status(plan, number, window, as_of):
    """A report due, by the same rules as an activity's occurrence, from the
    records that say the plan's report number `number` (BC<number>) was
    sent for this window: a report with several windows is recorded with
    its occurrence's key, one with a single window may leave it out."""
    mine = [r for r in plan.records
            if r.get("report") == f"BC{number}" and r.get("occurrence", window.key) == window.key]
    return occurrence_status(window, mine, as_of)
