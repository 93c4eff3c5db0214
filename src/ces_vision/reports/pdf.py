"""The PDF report, client-facing or coach-facing, laid out with ReportLab.

Client-facing: what was seen in plain words, annotated key frames, charts, progress
since the last screen, the corrective program and the scope-of-practice note (and a
referral box when pain was recorded). Coach-facing adds the raw numbers: findings with
thresholds and confidence, and every per-rep metric.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from xml.sax.saxutils import escape

import cv2
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..kinematics.catalog import METRICS_BY_NAME, metric_label
from ..screening import compensation_name
from . import charts, overlay
from .content import ClipInput, ReportInput, exercise_text
from .files import write_bytes
from .frames import FrameData, flagged_reps, key_rep, read_frames
from .pdf_layout import (
    ALERT,
    CONTENT_WIDTH,
    MUTED,
    RULE,
    SOFT,
    document,
    fitted_image,
    grid,
    page_decorator,
    paragraph_styles,
    referral_box,
)
from .threshold_lines import finding_metric, finding_threshold
from .video import highlight_joints
from .wording import (
    PATTERN_NOTE,
    PHASE_ORDER,
    PHASES,
    READOUTS,
    SCOPE_NOTE,
    STILL_READOUTS,
    VIEW_NAMES,
    confidence_text,
    finding_sentence,
    measurement,
    unit_text,
)

# A finding's still and chart: small enough that two findings fit on page 1 under the
# summary (each is kept whole, so a third would otherwise leave half a page empty).
STILL_MAX_HEIGHT_IN = 2.2
CHART_WIDTH_IN, CHART_HEIGHT_IN = 3.9, 1.5
COACH_SEEN = "Marked as seen by your coach, who watched the video."


def write_pdf_report(report: ReportInput, path: str | Path, coach: bool = False) -> None:
    """Write the report PDF to `path` (atomically). `coach` adds the raw values."""
    write_bytes(render_pdf(report, coach), Path(path))


def render_pdf(report: ReportInput, coach: bool = False) -> bytes:
    """The report PDF as bytes."""
    styles = paragraph_styles()
    buffer = io.BytesIO()
    title = "Movement screen - coach copy" if coach else "Movement screen report"
    doc = document(buffer, f"{title}: {report.client_name}", subject=report.assessment)
    decorate = page_decorator(title, f"{report.client_name}  ·  {report.screened_on:%d %B %Y}")
    story = []
    story += _title_block(report, styles, coach)
    if report.pain_reported:
        story += referral_box(styles)
    story += _summary(report, styles)
    story += _findings_section(report, styles)
    story += _progress_section(report, styles)
    story += _program_section(report, styles)
    if coach:
        story += _coach_section(report, styles)
    story += _about(styles)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# -- sections -------------------------------------------------------------------------------


def _title_block(report: ReportInput, st, coach: bool) -> list:
    views = ", ".join(VIEW_NAMES.get(c.view, c.view) for c in report.clips) or "-"
    reps = sum(len(c.analysis.get("reps", [])) for c in report.clips)
    rows = [
        ["Client", report.client_name, "Date", f"{report.screened_on:%d %B %Y}"],
        ["Views filmed", views, "Squats analysed", str(reps)],
    ]
    if report.coach_name:
        rows.append(["Coach", report.coach_name, "", ""])
    table = Table(
        [
            [Paragraph(escape(str(c)), st["small"] if i % 2 == 0 else st["cell_bold"]) for i, c in enumerate(r)]
            for r in rows
        ],
        colWidths=[0.95 * inch, 2.45 * inch, 1.15 * inch, CONTENT_WIDTH - 4.55 * inch],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.white),
            ]
        )
    )
    heading = "Movement screen: coach copy" if coach else "Movement screen report"
    return [
        Paragraph(heading, st["title"]),
        Paragraph(escape(report.assessment), st["subtitle"]),
        Spacer(1, 10),
        table,
        Spacer(1, 8),
    ]


def _summary(report: ReportInput, st) -> list:
    findings = report.findings()
    titles = list(dict.fromkeys(compensation_name(f["compensation"]) for _, f in findings))
    if titles:
        text = (
            # "compensation", not "movement pattern": that word names a combination of findings
            f"{len(titles)} compensation{'s' if len(titles) != 1 else ''} stood out: "
            f"<b>{escape(', '.join(titles))}</b>. Each is shown below with a still from your video, "
            "followed by a corrective program that works on them."
        )
    else:
        text = "No compensation stood out in this screen. The program below, if any, keeps the movement quality you showed."
    if report.score is not None and report.score_note:
        text += f" Score {escape(report.score_note)}."  # it covers only the views that could be judged
    summary = Paragraph(text, st["body"])
    if report.score is None:
        return [Paragraph("Summary", st["h1"]), summary]
    score = Table(
        [
            [Paragraph(f"{report.score:.0f}", st["score"])],
            [Paragraph(f"{'partial ' if report.score_note else ''}movement score out of 100", st["small"])],
        ],
        colWidths=[1.45 * inch],
    )
    score.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    row = Table([[score, summary]], colWidths=[1.65 * inch, CONTENT_WIDTH - 1.65 * inch])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    return [Paragraph("Summary", st["h1"]), row]


def _findings_section(report: ReportInput, st) -> list:
    findings = report.findings()
    story: list = [Paragraph("What we saw", st["h1"])]
    if not findings:
        story.append(Paragraph("Your squat stayed within the checked limits in every view filmed.", st["body"]))
    stills = key_frame_stills(findings)
    for number, (clip, finding) in enumerate(findings):
        text = [
            Paragraph(escape(compensation_name(finding["compensation"])), st["h2"]),
            Paragraph(VIEW_NAMES.get(clip.view, clip.view).capitalize(), st["small"]),
            Spacer(1, 3),
            Paragraph(escape(finding_sentence(finding)), st["body"]),
        ]
        if finding.get("coach"):
            text.append(Paragraph(COACH_SEEN, st["small"]))
        text.append(Spacer(1, 6))
        chart = _finding_chart(clip, finding)
        if chart is not None:
            chart_title, png = chart
            text += [Paragraph(escape(chart_title), st["chart_title"]), fitted_image(png, CHART_WIDTH_IN * inch)]
        still = stills.get(number)
        if still is not None:
            image = fitted_image(still, 2.3 * inch, max_height=STILL_MAX_HEIGHT_IN * inch)
            rep = key_rep(clip.analysis, finding)
            where = f"Bottom of squat {rep + 1}. " if rep is not None else ""
            caption = Paragraph(f"{where}Blue: your left side; orange: your right side.", st["small"])
            block = Table([[[image, Spacer(1, 2), caption], text]], colWidths=[2.5 * inch, CONTENT_WIDTH - 2.5 * inch])
        else:
            block = Table([[text]], colWidths=[CONTENT_WIDTH])
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story.append(KeepTogether(block))
    missing = report.not_judged()
    if missing:
        names = ", ".join(
            f"{compensation_name(c).lower()} ({_views_text(views)})" for c, views in _by_compensation(missing)
        )
        story += [Spacer(1, 6), Paragraph(f"Not judged from these videos: {escape(names)}.", st["small"])]
    not_filmed = report.not_filmed()
    if not_filmed:
        story += [Spacer(1, 3), Paragraph(f"Not filmed: {_views_text(not_filmed)}.", st["small"])]
    return story + _patterns_section(report, st)


def _patterns_section(report: ReportInput, st) -> list:
    """The movement patterns the findings form together, each with what supports it."""
    matches = report.patterns()
    if not matches:
        return []
    story: list = [Paragraph("Findings seen together", st["h2"])]
    story += [Paragraph(escape(match.text()), st["body"]) for match in matches]
    return story + [Paragraph(PATTERN_NOTE, st["small"])]


def _progress_section(report: ReportInput, st) -> list:
    rows = report.progress()
    history = [p for p in report.score_history if p[1] is not None]
    if rows is None and len(history) < 2:
        return []
    story: list = [CondPageBreak(2.5 * inch), Paragraph("Progress since your last screen", st["h1"])]
    if report.previous_date is not None:
        story.append(Paragraph(f"Compared with the screen of {report.previous_date:%d %B %Y}.", st["small"]))
        story.append(Spacer(1, 4))
    if rows:
        colour = {"no longer seen": colors.HexColor("#1a7f37"), "newly seen": ALERT, "still seen": MUTED}
        data = [[Paragraph("<b>Movement pattern</b>", st["cell"]), Paragraph("<b>Change</b>", st["cell"])]]
        for title, change in rows:
            style = ParagraphStyle("change", st["cell_bold"], textColor=colour[change])
            data.append([Paragraph(escape(title), st["cell"]), Paragraph(change, style)])
        story.append(grid(data, [3.2 * inch, 2.0 * inch]))
    elif rows is not None:
        story.append(Paragraph("No compensation was seen in either screen.", st["body"]))
    if len(history) >= 2:
        story += [
            Spacer(1, 8),
            Paragraph("Movement score at each screen (out of 100, higher is better)", st["h2"]),
            fitted_image(charts.score_history_chart(list(history)), CONTENT_WIDTH),
        ]
    return story


def _program_section(report: ReportInput, st) -> list:
    program = report.merged_program()
    if not any(program.values()):
        return []
    groups = report.program_groups()
    order = "the groups in order, and the steps of each" if len(groups) > 1 else "the four steps"
    story: list = [
        CondPageBreak(2.5 * inch),
        Paragraph("Your corrective program", st["h1"]),
        Paragraph(
            f"Do {order} in order, as a warm-up before training. Move slowly and stop any exercise that hurts.",
            st["body"],
        ),
    ]
    explained: set[str] = set()
    for match, group in groups:
        if len(groups) > 1 or match is not None:
            title = f"For the {match.pattern.name} pattern" if match is not None else "For the other findings"
            story += [CondPageBreak(1.9 * inch), Paragraph(escape(title), st["group"])]
        story += _step_tables({phase: [e for e in group if e["step"] == phase] for phase in PHASE_ORDER}, st, explained)
    return story


def _step_tables(program: dict[str, list[dict]], st, explained: set[str]) -> list:
    """One table per step of `program`; a step is explained the first time it appears."""
    story: list = []
    for phase in PHASE_ORDER:
        exercises = program[phase]
        if not exercises:
            continue
        name, explanation = PHASES[phase]
        data = [
            [
                Paragraph("<b>Exercise</b>", st["cell"]),
                Paragraph("<b>Dose</b>", st["cell"]),
                Paragraph("<b>How</b>", st["cell"]),
            ]
        ]
        for exercise in exercises:
            ex_name, dosage, how = exercise_text(exercise)
            data.append(
                [
                    Paragraph(escape(ex_name), st["cell_bold"]),
                    Paragraph(escape(dosage), st["cell"]),
                    Paragraph(escape(how), st["cell"]),
                ]
            )
        # A step may run over a page (its header row repeats); the break before it leaves
        # room for its title and first rows, so a title never ends a page.
        story += [
            CondPageBreak(1.6 * inch),
            Paragraph(f"{PHASE_ORDER.index(phase) + 1}. {name}", st["h2"]),
            *([] if phase in explained else [Paragraph(escape(explanation), st["small"])]),
            Spacer(1, 3),
            grid(data, [1.9 * inch, 1.45 * inch, CONTENT_WIDTH - 3.35 * inch]),
        ]
        explained.add(phase)
    return story


def _coach_section(report: ReportInput, st) -> list:
    story: list = [
        CondPageBreak(3 * inch),
        Paragraph("Coach details: measured values", st["h1"]),
        Paragraph(
            "Values are 2D angles and ratios measured on the video; thresholds are the screen's "
            "configured cut-offs. Confidence describes the data quality (landmark visibility, "
            "number of reps), not the size of the compensation.",
            st["small"],
        ),
        Spacer(1, 4),
    ]
    findings = report.findings()
    if findings:
        data = [
            [
                Paragraph(f"<b>{h}</b>", st["cell"])
                for h in ("Compensation", "View", "Side", "Value", "Threshold", "Reps", "Confidence")
            ]
        ]
        for clip, f in findings:
            measured = measurement(f)
            name = compensation_name(f["compensation"]) + (" (coach)" if f.get("coach") else "")
            what = f"<br/><font size=7>{escape(measured.metric)}</font>" if measured and measured.metric else ""
            data.append(
                [Paragraph(escape(name) + what, st["cell"])]
                + [
                    Paragraph(escape(str(cell)), st["cell"])
                    for cell in (
                        clip.view,
                        f.get("side") or "both",
                        measured.value if measured else "-",
                        measured.threshold if measured else "-",
                        f"{f.get('reps_flagged', '-')}/{f.get('reps_total', '-')}",
                        confidence_text(f.get("confidence")),
                    )
                ]
            )
        story.append(
            grid(
                data,
                [
                    1.55 * inch,
                    0.55 * inch,
                    0.55 * inch,
                    0.8 * inch,
                    0.85 * inch,
                    0.55 * inch,
                    CONTENT_WIDTH - 4.85 * inch,
                ],
            )
        )
    for clip in report.clips:
        story += _per_rep_table(clip, st)
        info = clip.analysis
        source = info.get("source", {})
        lines = [
            f"Video: {Path(str(source.get('path', '-'))).name}, {source.get('width', '?')}x{source.get('height', '?')}, "
            f"{_num(source.get('fps')) or 0:.1f} fps, {source.get('frame_count', '?')} frames; pose found in "
            f"{info.get('frames_with_pose', '?')} frames; model {info.get('model', '?')}."
        ]
        lines += [f"Warning: {w}" for w in info.get("warnings", [])]
        story += [Spacer(1, 3)] + [Paragraph(escape(line), st["small"]) for line in lines]
    return story


def _per_rep_table(clip: ClipInput, st) -> list:
    metrics = clip.analysis.get("metrics", {})
    reps = clip.analysis.get("reps", [])
    if not metrics or not reps:
        return []
    n = len(reps)
    header = [Paragraph("<b>Metric</b>", st["cell"])] + [Paragraph(f"<b>Rep {i + 1}</b>", st["cell"]) for i in range(n)]
    data = [header]
    for name, metric in metrics.items():
        unit = metric.get("unit", "")
        row = [Paragraph(escape(metric_label(name)), st["cell"])]
        for entry in (metric.get("per_rep", []) + [{}] * n)[:n]:
            left, right, value = _num(entry.get("left")), _num(entry.get("right")), _num(entry.get("value"))
            if left is not None or right is not None:
                text = f"L {unit_text(left, unit)}<br/>R {unit_text(right, unit)}"
            else:
                text = unit_text(value, unit)
            row.append(Paragraph(text, st["cell"]))
        data.append(row)
    first = 1.7 * inch
    width = (CONTENT_WIDTH - first) / max(n, 1)
    title = f"Per-rep values, {VIEW_NAMES.get(clip.view, clip.view)}"
    return [Spacer(1, 8), Paragraph(title, st["h2"]), grid(data, [first] + [width] * n)]


def _about(st) -> list:
    return [
        CondPageBreak(0.9 * inch),
        Paragraph("About this report", st["h1"]),
        Paragraph(escape(SCOPE_NOTE), st["small"]),
        Spacer(1, 3),
        Paragraph(
            "Angles are measured in two dimensions from a single camera and can differ from a "
            "laboratory measurement by several degrees; they are most useful for comparing your own "
            "screens over time.",
            st["small"],
        ),
    ]


# -- pieces ---------------------------------------------------------------------------------


def _by_compensation(pairs: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(view, compensation) pairs grouped by compensation, in first-seen order."""
    grouped: dict[str, list[str]] = {}
    for view, compensation in pairs:
        views = grouped.setdefault(compensation, [])
        if view not in views:
            views.append(view)
    return list(grouped.items())


def _views_text(views: list[str]) -> str:
    """ "front view", "front and side views", "front, side and back views"."""
    names = [VIEW_NAMES.get(v, f"{v} view").removesuffix(" view") for v in views]
    if len(names) == 1:
        return f"{names[0]} view"
    return f"{', '.join(names[:-1])} and {names[-1]} views"


def _num(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _finding_chart(clip: ClipInput, finding: dict) -> tuple[str, bytes] | None:
    """(plain-language title, PNG) of the finding's metric, its threshold where the rule fires."""
    metric = finding_metric(finding)
    if metric is None:
        return None
    metric_json = clip.analysis.get("metrics", {}).get(metric, {})
    data = clip.frame_data
    kinematics = data.kinematics if data is not None else None
    spec = METRICS_BY_NAME.get(metric)
    unit = metric_json.get("unit") or (spec.unit if spec is not None else "")
    threshold = None
    if finding.get("unit", unit) in (unit, ""):
        threshold = finding_threshold(
            finding,
            clip.view,
            kinematics,
            finding.get("assessment") or clip.assessment,
            finding.get("leg") or clip.analysis.get("leg"),
        )
    lines = [(line.y, line.side) for line in threshold.lines] if threshold is not None else []
    label = threshold.label if threshold is not None else "Threshold"
    unit_label = {"deg": "degrees", "ratio": "ratio", "leg": "leg lengths"}.get(unit, unit)
    title = metric_label(metric)
    flagged = set(flagged_reps(clip.analysis, finding))
    if kinematics is not None and metric in kinematics.series:
        series = kinematics.series[metric]
        t = kinematics.timestamps_s
        reps = [
            (float(t[r["start"]]), float(t[min(r["end"], len(t) - 1)]))
            for r in clip.analysis.get("reps", [])
            if r["start"] < len(t)
        ]
        sides = series.spec.bilateral and (threshold is None or threshold.series == "sides")
        return title, charts.metric_chart(
            t,
            series.left if sides else None,
            series.right if sides else None,
            series.value,
            unit_label=unit_label,
            threshold_lines=lines,
            threshold_label=label,
            reps=reps,
            flagged=flagged,
            width_in=CHART_WIDTH_IN,
            height_in=CHART_HEIGHT_IN,
        )
    per_rep = metric_json.get("per_rep", [])
    if not per_rep:
        return None
    side = finding.get("side") if finding.get("side") in ("left", "right") else "value"
    return title, charts.per_rep_chart(
        [_num(e.get(side)) for e in per_rep],
        unit_label=unit_label,
        threshold_lines=lines,
        threshold_label=label,
        width_in=CHART_WIDTH_IN,
        height_in=CHART_HEIGHT_IN,
    )


def _still_metrics(clip: ClipInput, finding: dict) -> list[str]:
    """What a finding's still labels: its metric (or the quantities it is made of) where it has
    a place on the body, else the view's first two readouts."""
    metric = finding_metric(finding)
    wanted = STILL_READOUTS.get(metric, (metric,)) if metric else ()
    drawable = [m for m in wanted if m in overlay.LABEL_AT]
    return drawable or [m for m, _ in READOUTS.get(clip.view, ())][:2]


def key_frame_stills(findings: list[tuple[ClipInput, dict]]) -> dict[int, bytes]:
    """JPEG stills, by finding number: the bottom frame of each finding's key rep, annotated."""
    wanted: dict[int, tuple[ClipInput, dict, int, Path, FrameData]] = {}
    for number, (clip, finding) in enumerate(findings):
        if clip.video is None or clip.frame_data is None:
            continue
        rep = key_rep(clip.analysis, finding)
        if rep is not None:
            bottom = int(clip.analysis["reps"][rep]["bottom"])
            wanted[number] = (clip, finding, bottom, Path(clip.video), clip.frame_data)
    stills: dict[int, bytes] = {}
    by_video: dict[Path, set[int]] = {}
    for _, _, index, video, _ in wanted.values():
        by_video.setdefault(video, set()).add(index)
    decoded = {video: read_frames(video, indices) for video, indices in by_video.items()}
    for number, (clip, finding, index, video, frame_data) in wanted.items():
        image = decoded[video].get(index)
        if image is None or index >= frame_data.n_frames:
            continue
        image = overlay.annotated_still(
            image,
            frame_data.pixels[index],
            highlight_joints(finding["compensation"], finding.get("side")),
            frame_data.readings(index, clip.view, _still_metrics(clip, finding)),
        )
        ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(image, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
        if ok:
            stills[number] = jpeg.tobytes()
    return stills
