"""Why an analysis could not be done, in words for the coach, with the CLI exit status."""


class ScreenRecordError(ValueError):
    """A screen cannot be saved as asked (an analysis still running, nothing analyzed);
    the message says what to do."""


class AnalysisError(Exception):
    exit_status = 1


class UnusableInput(AnalysisError):
    """Not a video, unreadable, or truncated beyond use."""

    exit_status = 2


class NotEnoughPerson(AnalysisError):
    """No person, or too little of one, was visible: the message says what to change."""

    exit_status = 3


class Cancelled(AnalysisError):
    """The user stopped the analysis."""

    exit_status = 130


class WrongMovement(UnusableInput):
    """The clip shows another movement than the assessment it was given as (not screened)."""
