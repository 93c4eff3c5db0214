"""The anny body: one model load, rest skeleton facts, batched posing, 33 landmarks.

Needs torch and anny (the `.[synth]` extra). anny caches its built model under
ANNY_CACHE_DIR (set it outside the repo, e.g. /work/.cache/anny); the first load takes
about a minute, later ones under a second.
"""

from __future__ import annotations

import numpy as np
import torch

from .pose import SIDES, SUFFIX, Skeleton
from .scenario import Body

_MODEL = None


def load_model():
    """The anny full-body model (shared by every body: shape is a per-call input)."""
    global _MODEL
    if _MODEL is None:
        import anny

        _MODEL = anny.Anny()
    return _MODEL


class PosedBody:
    """One body shape: rest facts, posing in batches, BlazePose-layout keypoints."""

    def __init__(self, body: Body):
        import anny

        self.model = load_model()
        self.body = body
        self.phenotype = body.phenotype()
        m = self.model
        self.bone_labels = list(m.bone_labels)
        self.bone_index = {b: i for i, b in enumerate(self.bone_labels)}
        self.parents = {
            b: (self.bone_labels[p] if p >= 0 else None) for b, p in zip(self.bone_labels, list(m.bone_parents))
        }
        self.keypoint_regressor = anny.keypoints.KeypointsRegressor.coco(m)
        self.coco_labels = list(self.keypoint_regressor.labels)
        with torch.no_grad():
            rest = m(phenotype_kwargs=self.phenotype)
        self.rest_vertices = rest["vertices"][0].numpy()
        heads = rest["bone_poses"][0, :, :3, 3].numpy()
        coco = self.keypoint_regressor(rest)[0].numpy()
        self.rest_coco = {label: coco[i] for i, label in enumerate(self.coco_labels)}
        self.faces = m.faces.numpy()
        self.skeleton = Skeleton(
            bone_index=self.bone_index,
            parents=self.parents,
            heads={b: heads[i] for i, b in enumerate(self.bone_labels)},
            heel={s: self.rest_coco[f"{s}_heel"] for s in SIDES},
            floor_z=float(self.rest_vertices[:, 2].min()),
        )
        self.dominant_bone = self._dominant_bones()
        self.landmark_vertices = self._pick_landmark_vertices()

    # --------------------------------------------------------------------------- shape facts
    def _dominant_bones(self) -> np.ndarray:
        w = self.model.vertex_bone_weights.numpy()
        idx = self.model.vertex_bone_indices.numpy()
        return idx[np.arange(len(w)), np.argmax(w, axis=1)]

    def height_m(self) -> float:
        return float(self.rest_vertices[:, 2].max() - self.rest_vertices[:, 2].min())

    def _nearest_vertex(self, point: np.ndarray) -> int:
        return int(np.argmin(np.linalg.norm(self.rest_vertices - point, axis=1)))

    def _pick_landmark_vertices(self) -> dict[int, int]:
        """Surface vertices standing in for BlazePose points anny's regressor lacks.

        Foot index = the tip of the second ("index") toe: the front-most vertex skinned
        mostly to that toe's bones. Eye corners and mouth corners = vertices nearest to a
        point offset from the eye / nose (approximate).
        """
        v = self.rest_vertices
        labels = np.array(self.bone_labels)[self.dominant_bone]
        picks: dict[int, int] = {}
        for side, index in (("left", 31), ("right", 32)):
            toe = np.where(np.char.startswith(labels, "toe2-") & np.char.endswith(labels, SUFFIX[side]))[0]
            picks[index] = int(toe[np.argmin(v[toe, 1])])
        nose = self.rest_coco["nose"]
        for side, sg, inner, outer, mouth in (("left", 1, 1, 3, 9), ("right", -1, 4, 6, 10)):
            eye = self.rest_coco[f"{side}_eye"]
            picks[inner] = self._nearest_vertex(eye + np.array([-sg * 0.014, -0.004, 0.0]))
            picks[outer] = self._nearest_vertex(eye + np.array([sg * 0.016, 0.004, 0.0]))
            picks[mouth] = self._nearest_vertex(nose + np.array([sg * 0.024, 0.012, -0.045]))
        return picks

    # -------------------------------------------------------------------------------- posing
    def pose(self, local_rotations: list[dict[str, np.ndarray]], root_translations: np.ndarray, batch: int = 48):
        """Pose a sequence. Returns vertices (T,V,3) float32 and keypoints (T,33,3)."""
        m = self.model
        posed_bones = sorted({b for frame in local_rotations for b in frame})
        all_vertices, all_keypoints = [], []
        for start in range(0, len(local_rotations), batch):
            frames = local_rotations[start : start + batch]
            n = len(frames)
            params = {}
            for bone in posed_bones:
                mats = np.tile(np.eye(4), (n, 1, 1))
                for i, frame in enumerate(frames):
                    if bone in frame:
                        mats[i, :3, :3] = frame[bone]
                if bone == "root":
                    mats[:, :3, 3] = root_translations[start : start + n]
                params[bone] = torch.as_tensor(mats, dtype=m.dtype)
            with torch.no_grad():
                out = m(
                    pose_parameters=params,
                    phenotype_kwargs={k: torch.full((n,), v, dtype=m.dtype) for k, v in self.phenotype.items()},
                )
                coco = self.keypoint_regressor(out).numpy()
            vertices = out["vertices"].numpy()
            heads = out["bone_poses"][:, :, :3, 3].numpy()
            all_vertices.append(vertices.astype(np.float32))
            all_keypoints.append(self._blazepose(vertices, heads, coco))
        return np.concatenate(all_vertices), np.concatenate(all_keypoints)

    def _blazepose(self, vertices, heads, coco) -> np.ndarray:
        """(T,33,3) BlazePose-layout points: joint centres, surface points, NaN if unplaced."""
        t = vertices.shape[0]
        out = np.full((t, 33, 3), np.nan)
        c = {label: coco[:, i] for i, label in enumerate(self.coco_labels)}
        b = lambda name: heads[:, self.bone_index[name]]  # noqa: E731
        out[:, 0] = c["nose"]
        out[:, 2], out[:, 5] = c["left_eye"], c["right_eye"]
        out[:, 7], out[:, 8] = c["left_ear"], c["right_ear"]
        for index, vertex in self.landmark_vertices.items():
            out[:, index] = vertices[:, vertex]
        joints = {
            11: "upperarm01",
            13: "lowerarm01",
            15: "wrist",
            17: "finger5-1",
            19: "finger2-1",
            21: "finger1-2",
            23: "upperleg01",
            25: "lowerleg01",
            27: "foot",
        }
        for left_index, bone in joints.items():
            out[:, left_index] = b(bone + ".L")
            out[:, left_index + 1] = b(bone + ".R")
        out[:, 29], out[:, 30] = c["left_heel"], c["right_heel"]
        return out

    # ------------------------------------------------------------------------------- colours
    def vertex_colours(self, seed: int = 0) -> np.ndarray:
        """(V,4) uint8 clothing-like colours: top, bottom (shorts or leggings), skin, hair."""
        body, v = self.body, self.rest_vertices
        labels = np.array(self.bone_labels)[self.dominant_bone]
        heads = self.skeleton.heads
        colours = np.tile(np.array(body.skin, float), (len(v), 1))
        waist_z = heads["spine04"][2] + 0.02
        torso = (
            np.char.startswith(labels, "spine")
            | np.char.startswith(labels, "clavicle")
            | np.char.startswith(labels, "shoulder")
            | np.char.startswith(labels, "breast")
        )
        hips = (labels == "root") | np.char.startswith(labels, "pelvis") | np.char.startswith(labels, "upperleg")
        colours[torso & (v[:, 2] >= waist_z)] = body.top
        colours[(torso & (v[:, 2] < waist_z)) | hips] = body.bottom
        sleeve = np.zeros(len(v), bool)
        for side in SIDES:
            shoulder = heads["upperarm01" + SUFFIX[side]]
            sleeve |= np.char.startswith(labels, "upperarm") & (np.linalg.norm(v - shoulder, axis=1) < 0.13)
        colours[sleeve] = body.top
        top = (torso & (v[:, 2] >= waist_z)) | sleeve
        colours[top] *= _pattern(body.top_pattern, v[top])[:, None]
        if body.bottom_style == "leggings":
            colours[np.char.startswith(labels, "lowerleg")] = body.bottom
        else:
            knee_z = heads["lowerleg01.L"][2]
            colours[hips & (v[:, 2] < knee_z + 0.17) & (v[:, 2] < heads["upperleg01.L"][2] - 0.05)] = body.skin
        eye_z = self.rest_coco["left_eye"][2]
        head_like = np.char.startswith(labels, "head") | np.char.startswith(labels, "neck")
        scalp = head_like & (
            (v[:, 2] > eye_z + 0.05) | ((v[:, 2] > eye_z - 0.04) & (v[:, 1] > self.rest_coco["left_ear"][1] + 0.01))
        )
        colours[scalp] = body.hair
        rng = np.random.default_rng(seed)
        colours *= 1.0 + 0.04 * rng.standard_normal((len(v), 1))
        rgba = np.concatenate([np.clip(colours, 0, 255), np.full((len(v), 1), 255.0)], axis=1)
        return rgba.astype(np.uint8)


def _pattern(style: str, points: np.ndarray) -> np.ndarray:
    """Brightness factor per vertex of a printed top: 4 cm stripes, or a 6 cm check."""
    if style == "stripes":
        return np.where(np.sin(points[:, 2] * 2 * np.pi / 0.08) > 0, 1.0, 0.55)
    if style == "check":
        odd = (np.floor(points[:, 2] / 0.06) + np.floor((points[:, 0] + points[:, 1]) / 0.06)) % 2
        return np.where(odd > 0, 1.0, 0.6)
    return np.ones(len(points))


def describe(body: PosedBody) -> dict[str, float]:
    """A few measured facts of a body for the truth file."""
    h = body.skeleton.heads
    thigh = float(np.linalg.norm(h["lowerleg01.L"] - h["upperleg01.L"]))
    shin = float(np.linalg.norm(h["foot.L"] - h["lowerleg01.L"]))
    return {
        "height_m": round(body.height_m(), 3),
        "thigh_m": round(thigh, 3),
        "shin_m": round(shin, 3),
        "hip_width_m": round(float(abs(h["upperleg01.L"][0] - h["upperleg01.R"][0])), 3),
        "shoulder_width_m": round(float(abs(h["upperarm01.L"][0] - h["upperarm01.R"][0])), 3),
        "stance_width_m": round(float(abs(h["foot.L"][0] - h["foot.R"][0])), 3),
    }
