"""`ces-vision clients add|list|show|edit|delete|export|log-session`: the client records."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ..reports.files import ExportError, json_safe, write_json
from ..storage import Database, StorageError
from .common import UsageError, report_error

RECORD_ERRORS = (StorageError, ExportError, OSError, UsageError)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: the one in your user data folder)"
    )


def _add_fields(parser: argparse.ArgumentParser, editing: bool) -> None:
    if editing:
        parser.add_argument("--name")
    parser.add_argument("--contact", help="phone or e-mail")
    parser.add_argument("--goals")
    parser.add_argument("--injury-history", help="past injuries, surgeries, where pain was felt (free text)")
    parser.add_argument("--notes")
    pain = parser.add_mutually_exclusive_group()
    pain.add_argument(
        "--pain",
        dest="pain_reported",
        action="store_true",
        default=None,
        help="the client reports pain (reports then recommend a referral)",
    )
    pain.add_argument("--no-pain", dest="pain_reported", action="store_false")
    consent = parser.add_mutually_exclusive_group()
    consent.add_argument(
        "--video-consent",
        dest="video_consent",
        action="store_true",
        default=None,
        help="the client agreed that videos of them are kept",
    )
    consent.add_argument("--no-video-consent", dest="video_consent", action="store_false")


_FIELDS = ("name", "contact", "goals", "injury_history", "notes", "pain_reported", "video_consent")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("clients", help="add, list, show, edit, delete or export clients; log sessions")
    actions = parser.add_subparsers(dest="action", required=True)

    add = actions.add_parser("add", help="add a client")
    add.add_argument("name")
    _add_fields(add, editing=False)
    actions.add_parser("list", help="list the clients")
    show = actions.add_parser("show", help="show one client and their screens")
    show.add_argument("client_id", type=int)
    edit = actions.add_parser("edit", help="change some fields of a client")
    edit.add_argument("client_id", type=int)
    _add_fields(edit, editing=True)
    delete = actions.add_parser("delete", help="delete a client and everything stored about them")
    delete.add_argument("client_id", type=int)
    delete.add_argument("--yes", action="store_true", help="really delete (required)")
    export = actions.add_parser("export", help="everything stored about a client, as JSON")
    export.add_argument("client_id", type=int)
    export.add_argument("--out", type=Path, metavar="OUT.json", help="write here instead of printing")
    log = actions.add_parser("log-session", help="record a training session on the client's latest program")
    log.add_argument("client_id", type=int)
    log.add_argument(
        "--done", type=_percent, required=True, metavar="PERCENT", help="share of the planned work done, 0-100"
    )
    log.add_argument("--date", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD", help="default: today")
    log.add_argument("--notes", default="")
    log.add_argument(
        "--pain", action="store_true", help="the client felt pain: recorded on the client, who is then to be referred"
    )
    for sub in actions.choices.values():
        add_db_option(sub)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "delete" and not args.yes:
        print(
            f"ces-vision: deleting client {args.client_id} removes all their screens, programs and "
            "video copies; add --yes to confirm",
            file=sys.stderr,
        )
        return 2
    try:
        with Database.open(args.db) as db:
            return _ACTIONS[args.action](db, args)
    except RECORD_ERRORS as exc:
        return report_error(exc)


def _changes(args: argparse.Namespace) -> dict:
    return {key: getattr(args, key) for key in _FIELDS if getattr(args, key, None) is not None}


def _add(db: Database, args) -> int:
    changes = _changes(args)
    client = db.clients.add(changes.pop("name"), **changes)
    print(f"added client {client.id}: {client.name}")
    return 0


def _list(db: Database, args) -> int:
    clients = db.clients.list()
    if not clients:
        print("no clients yet: add one with `ces-vision clients add NAME`")
        return 0
    width = max(len(str(c.id)) for c in clients)
    for client in clients:
        pain = "  [pain reported]" if client.pain_reported else ""
        inbox = f"  [{client.inbox_to_review} from the inbox to review]" if client.inbox_to_review else ""
        print(f"{client.id:>{width}}  {client.name}{pain}{inbox}")
    return 0


def _show(db: Database, args) -> int:
    client = db.clients.get(args.client_id)
    print(f"{client.name} (client {client.id})")
    for label, value in (
        ("contact", client.contact),
        ("goals", client.goals),
        ("injury history", client.injury_history),
        ("notes", client.notes),
    ):
        if value:
            print(f"  {label}: {value}")
    print(f"  pain reported: {'yes (refer to a licensed clinician)' if client.pain_reported else 'no'}")
    print(f"  video consent: {'yes' if client.video_consent else 'no'}")
    sessions = db.sessions.list_for_client(client.id)
    if sessions:
        mean = sum(e.adherence for e in sessions) / len(sessions)
        print(
            f"  sessions logged: {len(sessions)}, last {sessions[-1].session_date.isoformat()}, "
            f"{mean:.0%} of the plan done on average"
        )
    screens = db.screens.list_for_client(client.id)
    print(f"  screens: {len(screens)}")
    for screen in screens:
        score = f", score {screen.score:.0f}" if screen.score is not None else ""
        inbox = "  [from the inbox, to review]" if db.inbox.awaiting_review(screen.id) else ""
        print(f"    {screen.screened_on.isoformat()}  {screen.assessment}{score}  (screen {screen.id}){inbox}")
    return 0


def _edit(db: Database, args) -> int:
    changes = _changes(args)
    if not changes:
        raise UsageError("nothing to change: give at least one option such as --name or --pain")
    client = db.clients.update(args.client_id, **changes)
    print(f"updated client {client.id}: {client.name}")
    return 0


def _percent(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 100.0:
        raise argparse.ArgumentTypeError("give a share from 0 to 100")
    return value / 100.0


def _log_session(db: Database, args) -> int:
    programs = db.programs.list_for_client(args.client_id)
    entry = db.sessions.log(
        args.client_id,
        session_date=args.date or date.today(),
        adherence=args.done,
        program_id=programs[-1].id if programs else None,
        notes=args.notes,
        pain=args.pain,
    )
    print(f"logged the session of {entry.session_date.isoformat()}: {entry.adherence:.0%} of the plan done")
    if args.pain:
        print("pain recorded: refer the client to a licensed clinician before more corrective work")
    return 0


def _delete(db: Database, args) -> int:
    name = db.clients.get(args.client_id).name
    db.delete_client(args.client_id)
    print(f"deleted client {args.client_id}: {name}")
    return 0


def _export(db: Database, args) -> int:
    data = db.export_client(args.client_id)
    if args.out:
        write_json(data, args.out)
        print(f"wrote {args.out}")
    else:
        print(json.dumps(json_safe(data), indent=2, ensure_ascii=False))
    return 0


_ACTIONS = {
    "add": _add,
    "list": _list,
    "show": _show,
    "edit": _edit,
    "delete": _delete,
    "export": _export,
    "log-session": _log_session,
}
