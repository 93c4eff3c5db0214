"""The desktop app: the only package that imports Qt (PySide6).

Widgets only display and forward user actions; the work happens in `session`,
`screening` and `capture`, driven from worker threads (`workers`, `live`).
"""
