"""Scenario files: what to render (body, camera, motion, compensations), loaded from TOML.

A scenario is plain data. Every field has a default so a file only states what differs
from a clean 3-rep squat filmed from the front. Left and right are always the
SUBJECT's. See tools/synth/README.md for the file format.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

VIEWS = ("front", "side", "back")
MOVEMENTS = ("squat", "push", "pull")  # overhead squat, standing cable chest press, standing cable row

# Compensation id -> (unit of `size`, views in which the screen judges it). A contract
# shared with the screening package: these ids are the finding ids.
COMPENSATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "feet_turn_out": ("deg_foot_yaw_out", ("front",)),
    "knees_move_in": ("deg_knee_rotation_about_hip_ankle_line", ("front",)),
    "knees_move_out": ("deg_knee_rotation_about_hip_ankle_line", ("front",)),
    "excessive_forward_lean": ("deg_trunk_minus_shin", ("side",)),
    "low_back_arches": ("deg_lumbar_extension", ("side",)),
    "low_back_rounds": ("deg_lumbar_flexion", ("side",)),
    "arms_fall_forward": ("deg_arm_forward_of_trunk_line", ("side",)),
    "shoulders_elevate": ("deg_clavicle_elevation", ("side",)),
    "head_juts_forward": ("deg_neck_flexion_head_level", ("side",)),
    "feet_flatten": ("deg_rearfoot_eversion", ("back",)),
    "heels_rise": ("cm_heel_rise", ("back",)),
    "asymmetric_weight_shift": ("cm_pelvis_lateral_shift", ("back",)),
}
SIDED = {"feet_turn_out", "knees_move_in", "knees_move_out", "feet_flatten", "heels_rise", "shoulders_elevate"}
MUST_HAVE_SIDE = {"asymmetric_weight_shift"}


@dataclass(frozen=True, slots=True)
class Body:
    """anny phenotype parameters (each 0..1) and clothing colours (sRGB 0..255)."""

    name: str = "body_a"
    gender: float = 0.0  # 0 male .. 1 female
    age: float = 0.75  # anny anchors: 0 baby, 1/3 child, 2/3 young adult, 1 old
    muscle: float = 0.5
    weight: float = 0.5
    height: float = 0.5
    proportions: float = 0.5
    skin: tuple[int, int, int] = (224, 172, 140)
    top: tuple[int, int, int] = (40, 90, 160)
    bottom: tuple[int, int, int] = (35, 35, 40)
    bottom_style: str = "shorts"  # "shorts" | "leggings"
    hair: tuple[int, int, int] = (60, 40, 25)
    top_pattern: str = "plain"  # "plain" | "stripes" | "check": clothing texture of the top

    def phenotype(self) -> dict[str, float]:
        return {
            "gender": self.gender,
            "age": self.age,
            "muscle": self.muscle,
            "weight": self.weight,
            "height": self.height,
            "proportions": self.proportions,
        }


@dataclass(frozen=True, slots=True)
class Camera:
    """Camera placement around the subject, who stands at the origin.

    view: "front" (subject faces the camera), "back" (subject's back to the camera) or
    "side"; side_shown: which of the subject's sides faces the camera in a side view.
    yaw_deg turns the camera about the subject (positive = counter-clockwise seen from
    above). The camera aims at `aim_height_m` above the floor.
    """

    view: str = "front"
    side_shown: str = "left"
    distance_m: float = 3.5
    height_m: float = 1.0
    aim_height_m: float = 1.05
    yaw_deg: float = 0.0
    yfov_deg: float = 45.0
    width: int = 640
    height: int = 480


@dataclass(frozen=True, slots=True)
class Motion:
    """Rep timing (seconds) and depth. Depth 1.0 = thighs ~75 deg from vertical.

    movement "push" / "pull": the subject stands, hands at shoulder height, and presses
    forward / rows back; down_s is the press out (row in), up_s the return, and `depth`
    is unused (the reach is full in every rep).
    """

    movement: str = "squat"  # "squat" | "push" | "pull"
    reps: int = 3
    fps: int = 30
    down_s: float = 1.0
    hold_s: float = 0.2
    up_s: float = 1.0
    pause_s: float = 0.4
    lead_in_s: float = 0.5
    tail_s: float = 0.5
    depth: float = 1.0
    toe_out_deg: float = 3.0  # natural foot angle of a clean squat, each foot
    stance_width_m: float = 0.0  # extra width added to each side of the rest stance


@dataclass(frozen=True, slots=True)
class Lighting:
    seed: int = 0
    key_intensity: float = 3.0
    key_azimuth_deg: float = 30.0
    key_elevation_deg: float = 50.0
    ambient: float = 0.45
    floor: str = "oak"  # "oak" | "grey"
    wall: tuple[int, int, int] = (214, 210, 200)
    wall_style: str = "plain"  # "plain" | "posters" (posters, a door, a shelf: clutter behind the client)


@dataclass(frozen=True, slots=True)
class Video:
    """How the phone's camera degrades the picture: compression, motion blur, sensor noise."""

    crf: int | None = None  # x264 quality; None = the CLI's --crf
    blur: float = 0.0  # share of the previous frame blended in (0 = none, 0.5 = a 1/fps shutter)
    noise: float = 0.0  # sensor noise, standard deviation in 8-bit levels


@dataclass(frozen=True, slots=True)
class Compensation:
    """One injected fault. `size` is at the bottom of each rep, in the id's unit.

    expect: whether the screen should report it in this clip's view; None = decide
    from the id's judging views.
    """

    id: str
    size: float
    side: str | None = None  # "left" | "right" | "both" | None
    expect: bool | None = None

    @property
    def unit(self) -> str:
        return COMPENSATIONS[self.id][0]


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    body: Body = field(default_factory=Body)
    camera: Camera = field(default_factory=Camera)
    motion: Motion = field(default_factory=Motion)
    lighting: Lighting = field(default_factory=Lighting)
    video: Video = field(default_factory=Video)
    compensations: tuple[Compensation, ...] = ()
    description: str = ""

    def size_of(self, comp_id: str, side: str) -> float:
        """Size of a compensation acting on one body side ("left"/"right"), else 0."""
        total = 0.0
        for c in self.compensations:
            if c.id == comp_id and c.side in (side, "both", None):
                total += c.size
        return total

    def expected_findings(self) -> list[str]:
        found = []
        for c in self.compensations:
            expect = c.expect if c.expect is not None else self.camera.view in COMPENSATIONS[c.id][1]
            if expect and c.size != 0 and c.id not in found:
                found.append(c.id)
        return found

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _section(cls, data: dict[str, Any]):
    known = set(cls.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown keys for {cls.__name__}: {sorted(unknown)}")
    fixed = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return cls(**fixed)


def _compensation(data: dict[str, Any]) -> Compensation:
    comp = _section(Compensation, data)
    if comp.id not in COMPENSATIONS:
        raise ValueError(f"unknown compensation {comp.id!r}; known: {sorted(COMPENSATIONS)}")
    if comp.side not in (None, "left", "right", "both"):
        raise ValueError(f"{comp.id}: side must be left, right or both, not {comp.side!r}")
    if comp.id in SIDED and comp.side is None:
        comp = replace(comp, side="both")
    if comp.id in MUST_HAVE_SIDE and comp.side not in ("left", "right"):
        raise ValueError(f"{comp.id} needs side = 'left' or 'right' (the side shifted towards)")
    return comp


def scenario_from_dict(data: dict[str, Any], default_name: str, bodies: dict[str, dict] | None = None) -> Scenario:
    """Build a Scenario; `body` may be a table or the name of a preset in `bodies`."""
    data = dict(data)
    if isinstance(data.get("body"), str):
        name = data["body"]
        if not bodies or name not in bodies:
            raise ValueError(f"body preset {name!r} not found (looked in bodies.toml)")
        data["body"] = {"name": name, **bodies[name]}
    comps = tuple(_compensation(c) for c in data.pop("compensation", []))
    scenario = Scenario(
        name=data.pop("name", default_name),
        description=data.pop("description", ""),
        body=_section(Body, data.pop("body", {})),
        camera=_section(Camera, data.pop("camera", {})),
        motion=_section(Motion, data.pop("motion", {})),
        lighting=_section(Lighting, data.pop("lighting", {})),
        video=_section(Video, data.pop("video", {})),
        compensations=comps,
    )
    if data:
        raise ValueError(f"unknown top-level keys: {sorted(data)}")
    if scenario.camera.view not in VIEWS:
        raise ValueError(f"camera.view must be one of {VIEWS}")
    if scenario.motion.movement not in MOVEMENTS:
        raise ValueError(f"motion.movement must be one of {MOVEMENTS}")
    if scenario.body.top_pattern not in ("plain", "stripes", "check"):
        raise ValueError("body.top_pattern must be 'plain', 'stripes' or 'check'")
    if scenario.lighting.wall_style not in ("plain", "posters"):
        raise ValueError("lighting.wall_style must be 'plain' or 'posters'")
    if scenario.camera.side_shown not in ("left", "right"):
        raise ValueError("camera.side_shown must be 'left' or 'right'")
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario file; body presets come from bodies.toml in the same folder."""
    path = Path(path)
    presets = path.parent / "bodies.toml"
    bodies = tomllib.loads(presets.read_text()) if presets.exists() else None
    with path.open("rb") as f:
        return scenario_from_dict(tomllib.load(f), path.stem, bodies)
