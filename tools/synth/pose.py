"""Pose solver: scenario + depth -> per-bone rotations for anny, in pure numpy.

World frame (anny's): +X the subject's left, -Y the subject's front, +Z up, metres.
anny's default "local-ref" parameterisation gives each bone a rotation in world-aligned
axes, composed down the chain (global = parent_global @ local), so the solver works with
GLOBAL rotations and converts them to locals at the end.

How each compensation is made (sizes reach full value at the bottom of each rep):
  knees_move_in / knees_move_out  knee rotated about the hip-ankle line (two-bone IK
                                  keeps the foot planted), towards / away from midline
  feet_turn_out                   foot pivots outwards about the heel; the knees keep
                                  bending straight ahead (so only the feet differ
                                  from a clean squat)
  heels_rise                      foot pitches about the ball of the foot, toes flat
  feet_flatten                    rearfoot eversion: foot rolls about its long axis,
                                  medial edge down, ankle moves towards the midline
  excessive_forward_lean          trunk line leans `size` deg more than the shin
  low_back_rounds / _arches       pelvis tilts back / forward by `size`, the lumbar
                                  spine flexes / extends by the same amount, so the
                                  thorax keeps the trunk angle
  arms_fall_forward               upper arms tilt forward of the trunk line
  asymmetric_weight_shift         pelvis moves sideways towards `side`
  shoulders_elevate               clavicle elevated by `size` deg (a shrug)
  head_juts_forward               neck flexed forward by `size` deg, the head kept level
                                  (the ear moves ahead of the shoulder)

Push / pull (standing cable chest press / row): the legs stay standing; the hands move
level at shoulder height between the chest and full reach (two-bone IK, elbows back and
down), and `s` is the press's progress (1 = arms out for a push, hands in for a row).
There, low_back_arches extends the lumbar spine by `size` and leans the trunk back by
ARCH_LEAN_BACK of it (the pelvis tilts forward by the rest), as a client leaning into
the cable does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scenario import Scenario

SIDES = ("left", "right")
SUFFIX = {"left": ".L", "right": ".R"}
SIGN = {"left": 1.0, "right": -1.0}  # +X is the subject's left
TOES = ("toe1-1", "toe2-1", "toe3-1", "toe4-1", "toe5-1")
LUMBAR = ("spine05", "spine04", "spine03")

SHIN_BOTTOM_DEG = 36.0  # shin forward of vertical at depth 1
THIGH_BOTTOM_DEG = 76.0  # thigh from vertical at depth 1 (about chair height)
SOFT_KNEE_DEG = 2.0  # standing: knees never locked straight
CLAVICLE_ELEVATION_DEG = 16.0  # shoulders shrugged a little with arms overhead
ARM_ABDUCTION_DEG = 12.0  # arms a little wider than the trunk line, seen from the front
HEAD_UPRIGHTING = 0.35  # share of the trunk lean the neck takes back (eyes forward)
KNEE_TRACKS_TURN_OUT = 0.0  # share of an injected foot turn-out the knees follow
ARCH_LEAN_BACK = 0.5  # push / pull: share of the lumbar extension that leans the trunk back
HAND_NEAR_M = 0.22  # push / pull: hands this far ahead of the shoulder joint at the chest
HAND_BELOW_SHOULDER_M = 0.05  # the hands' line of pull, below the shoulder joints


@dataclass(frozen=True)
class Skeleton:
    """Rest-pose facts of one body (anny frame, metres)."""

    bone_index: dict[str, int]
    parents: dict[str, str | None]
    heads: dict[str, np.ndarray]  # bone -> rest head position (3,)
    heel: dict[str, np.ndarray]  # side -> rest heel surface point
    floor_z: float  # lowest rest vertex: the floor

    def head(self, bone: str) -> np.ndarray:
        return self.heads[bone]


def rot_axis(axis: np.ndarray, angle_rad: float) -> np.ndarray:
    """Rotation matrix about a unit axis (right-handed)."""
    a = np.asarray(axis, float)
    a = a / np.linalg.norm(a)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + np.sin(angle_rad) * k + (1 - np.cos(angle_rad)) * (k @ k)


def rot_between(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The smallest rotation taking direction u onto direction v."""
    u = u / np.linalg.norm(u)
    v = v / np.linalg.norm(v)
    axis = np.cross(u, v)
    s = np.linalg.norm(axis)
    if s < 1e-9:
        return np.eye(3)
    return rot_axis(axis / s, np.arctan2(s, float(np.dot(u, v))))


def frame_rotation(d0, k0, d1, k1) -> np.ndarray:
    """Rotation taking the frame built on (d0, k0) onto the frame built on (d1, k1)."""

    def frame(d, k):
        d = d / np.linalg.norm(d)
        k = k - np.dot(k, d) * d
        k = k / np.linalg.norm(k)
        return np.stack([d, k, np.cross(d, k)], axis=1)

    return frame(d1, k1) @ frame(d0, k0).T


def sagittal_angle_deg(v: np.ndarray) -> float:
    """Angle of a direction from vertical in the sagittal plane, positive = forward (-Y)."""
    return float(np.degrees(np.arctan2(-v[1], v[2])))


def _unit(v):
    return v / np.linalg.norm(v)


class PoseSolver:
    """Solves one frame at a time; `solve(depth)` -> (local rotations, root translation)."""

    def __init__(self, skeleton: Skeleton, scenario: Scenario):
        self.sk = skeleton
        self.sc = scenario
        h = skeleton.head
        self.thigh_len = {s: np.linalg.norm(h("lowerleg01" + SUFFIX[s]) - h("upperleg01" + SUFFIX[s])) for s in SIDES}
        self.shin_len = {s: np.linalg.norm(h("foot" + SUFFIX[s]) - h("lowerleg01" + SUFFIX[s])) for s in SIDES}
        self.hip_mid_rest = 0.5 * (h("upperleg01.L") + h("upperleg01.R"))
        sh_mid = 0.5 * (h("upperarm01.L") + h("upperarm01.R"))
        self.trunk_rest_deg = sagittal_angle_deg(sh_mid - self.hip_mid_rest)

    # ----------------------------------------------------------------- forward kinematics
    def _chain(self, bone: str) -> list[str]:
        chain = []
        b: str | None = bone
        while b is not None:
            chain.append(b)
            b = self.sk.parents[b]
        return chain[::-1]

    def _global(self, G: dict[str, np.ndarray], bone: str) -> np.ndarray:
        b: str | None = bone
        while b is not None:
            if b in G:
                return G[b]
            b = self.sk.parents[b]
        return np.eye(3)

    def head_world(self, G: dict[str, np.ndarray], root_t: np.ndarray, bone: str) -> np.ndarray:
        """World position of a bone head under global rotations G (bones not in G inherit)."""
        chain = self._chain(bone)
        pos = root_t + self.sk.head(chain[0])
        for parent, child in zip(chain[:-1], chain[1:]):
            pos = pos + self._global(G, parent) @ (self.sk.head(child) - self.sk.head(parent))
        return pos

    # ------------------------------------------------------------------------- the feet
    def _foot(self, side: str, s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Foot rigid transform (R, t: x -> R x + t) and the toes' rotation, and the pole yaw."""
        sc, sk, sg = self.sc, self.sk, SIGN[side]
        suf = SUFFIX[side]
        ball0, heel0 = sk.head("toe3-1" + suf), sk.heel[side]
        fwd = ball0 - heel0
        fwd[2] = 0.0
        fwd = _unit(fwd)
        z = np.array([0.0, 0.0, 1.0])
        rest_yaw = np.degrees(np.arctan2(sg * fwd[0], -fwd[1]))
        base_out = sc.motion.toe_out_deg
        turn = sc.size_of("feet_turn_out", side) * s

        def about(R, pivot):
            return R, pivot - R @ pivot

        heel_ball = np.linalg.norm((ball0 - heel0)[:2])
        rise = sc.size_of("heels_rise", side) / 100.0 * s
        pitch = np.arcsin(np.clip(rise / heel_ball, 0.0, 0.9))
        P = about(rot_axis(np.cross(z, fwd), pitch), np.array([ball0[0], ball0[1], sk.floor_z]))
        ev = np.radians(sc.size_of("feet_flatten", side) * s) * sg
        sole_mid = np.array([(ball0[0] + heel0[0]) / 2, (ball0[1] + heel0[1]) / 2, sk.floor_z])
        Rr = about(rot_axis(fwd, ev), sole_mid)
        yaw = np.radians(base_out + turn - rest_yaw) * sg
        Y = about(rot_axis(z, yaw), np.array([heel0[0], heel0[1], sk.floor_z]))
        widen = np.array([sg * sc.motion.stance_width_m, 0.0, 0.0])

        def compose(a, b):  # a after b
            return a[0] @ b[0], a[0] @ b[1] + a[1]

        R, t = compose(Y, compose(Rr, P))
        pole_yaw = np.radians(base_out + KNEE_TRACKS_TURN_OUT * turn) * sg
        pole = rot_axis(z, pole_yaw) @ np.array([0.0, -1.0, 0.0])
        return R, t + widen, Y[0] @ Rr[0], pole

    # ------------------------------------------------------------------------- the legs
    def _leg(self, side, hip, ankle, pole, s, G):
        sk, sc, sg, suf = self.sk, self.sc, SIGN[side], SUFFIX[side]
        lt, ls = self.thigh_len[side], self.shin_len[side]
        d_vec = ankle - hip
        d = np.linalg.norm(d_vec)
        u = d_vec / d
        d = min(d, 0.9995 * (lt + ls))
        along = (lt**2 - ls**2 + d**2) / (2 * d)
        radius = np.sqrt(max(lt**2 - along**2, 0.0))
        p_perp = _unit(pole - np.dot(pole, u) * u)
        valgus = (sc.size_of("knees_move_in", side) - sc.size_of("knees_move_out", side)) * s
        p_perp = rot_axis(u, np.radians(valgus) * sg) @ p_perp
        knee = hip + along * u + radius * p_perp
        hinge = np.cross(u, p_perp)

        hip0, knee0, ankle0 = sk.head("upperleg01" + suf), sk.head("lowerleg01" + suf), sk.head("foot" + suf)
        u0 = _unit(ankle0 - hip0)
        pole0 = np.array([0.0, -1.0, 0.0])
        hinge0 = np.cross(u0, _unit(pole0 - np.dot(pole0, u0) * u0))
        G["upperleg01" + suf] = frame_rotation(knee0 - hip0, hinge0, knee - hip, hinge)
        G["lowerleg01" + suf] = frame_rotation(ankle0 - knee0, hinge0, ankle - knee, hinge)
        return knee

    # ------------------------------------------------------------------------ one frame
    def solve(self, s: float) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Global rotations per posed bone and the root translation at depth s."""
        sc, sk = self.sc, self.sk
        arm_move = sc.motion.movement != "squat"
        legs = 0.0 if arm_move else s  # push / pull: standing legs, s is the press
        G: dict[str, np.ndarray] = {}
        ankles, poles = {}, {}
        for side in SIDES:
            R, t, R_toes, pole = self._foot(side, legs)
            suf = SUFFIX[side]
            G["foot" + suf] = R
            for toe in TOES:
                G[toe + suf] = R_toes
            ankles[side] = R @ sk.head("foot" + suf) + t
            poles[side] = pole

        # Hip centre from a planar two-link leg (shin and thigh angles grow with depth).
        shin = np.radians(SOFT_KNEE_DEG + (SHIN_BOTTOM_DEG - SOFT_KNEE_DEG) * legs)
        thigh = np.radians(SOFT_KNEE_DEG + (THIGH_BOTTOM_DEG - SOFT_KNEE_DEG) * legs)
        lt = np.mean(list(self.thigh_len.values()))
        ls = np.mean(list(self.shin_len.values()))
        ankle_mid = 0.5 * (ankles["left"] + ankles["right"])
        hip_mid = ankle_mid + np.array(
            [0.0, -(ls * np.sin(shin) - lt * np.sin(thigh)), ls * np.cos(shin) + lt * np.cos(thigh)]
        )
        shift = sc.size_of("asymmetric_weight_shift", "left") - sc.size_of("asymmetric_weight_shift", "right")
        hip_mid[0] += shift / 100.0 * s
        # Lower the pelvis if a leg could not reach its planted foot.
        for side in SIDES:
            off = self.sk.head("upperleg01" + SUFFIX[side]) - self.hip_mid_rest
            reach = 0.995 * (self.thigh_len[side] + self.shin_len[side])
            dxy = np.linalg.norm((hip_mid + off - ankles[side])[:2])
            hip_mid[2] = min(hip_mid[2], ankles[side][2] + np.sqrt(max(reach**2 - dxy**2, 0.0)) - off[2])

        lean = sc.size_of("excessive_forward_lean", None)
        rounds = sc.size_of("low_back_rounds", None) - sc.size_of("low_back_arches", None)
        lean_back = ARCH_LEAN_BACK * sc.size_of("low_back_arches", None) if arm_move else 0.0
        thorax_deg = np.degrees(shin) - self.trunk_rest_deg
        for _ in range(3):
            G_pelvis = rot_axis([1, 0, 0], np.radians(thorax_deg - rounds * s))
            G["root"] = G_pelvis
            lumbar = G_pelvis
            for bone in LUMBAR:
                lumbar = lumbar @ rot_axis([1, 0, 0], np.radians(rounds * s / len(LUMBAR)))
                G[bone] = lumbar
            root_t = hip_mid - G_pelvis @ self.hip_mid_rest
            knees = {
                side: self._leg(
                    side, self.head_world(G, root_t, "upperleg01" + SUFFIX[side]), ankles[side], poles[side], legs, G
                )
                for side in SIDES
            }
            shin_deg = np.mean([sagittal_angle_deg(knees[x] - ankles[x]) for x in SIDES])
            hips = 0.5 * (self.head_world(G, root_t, "upperleg01.L") + self.head_world(G, root_t, "upperleg01.R"))
            self._set_upper_body(G, root_t, s)
            shoulders = 0.5 * (self.head_world(G, root_t, "upperarm01.L") + self.head_world(G, root_t, "upperarm01.R"))
            trunk_deg = sagittal_angle_deg(shoulders - hips)
            thorax_deg += (shin_deg + (lean - lean_back) * s) - trunk_deg
        self._set_upper_body(G, root_t, s)
        return G, root_t

    def _set_upper_body(self, G, root_t, s):
        sc = self.sc
        thorax = G["spine03"]
        for bone in ("spine02", "spine01"):
            G[bone] = thorax
        pitch = np.arctan2(-(thorax @ [0, 0, 1])[1], (thorax @ [0, 0, 1])[2])
        upright = thorax @ rot_axis([1, 0, 0], -HEAD_UPRIGHTING * pitch)
        G["neck01"] = upright @ rot_axis([1, 0, 0], np.radians(sc.size_of("head_juts_forward", None) * s))
        if "head" in self.sk.heads:
            G["head"] = upright  # the face stays level: the head moves forward, not down
        arm_move = sc.motion.movement != "squat"
        for side in SIDES:
            suf, sg = SUFFIX[side], SIGN[side]
            shrug = (0.0 if arm_move else CLAVICLE_ELEVATION_DEG) + sc.size_of("shoulders_elevate", side) * s
            G["clavicle" + suf] = thorax @ rot_axis([0, 1, 0], -sg * np.radians(shrug))
        if arm_move:
            self._set_press_arms(G, root_t, s)
            return
        hips = 0.5 * (self.head_world(G, root_t, "upperleg01.L") + self.head_world(G, root_t, "upperleg01.R"))
        shoulders = 0.5 * (self.head_world(G, root_t, "upperarm01.L") + self.head_world(G, root_t, "upperarm01.R"))
        trunk = _unit(shoulders - hips)
        lateral = _unit(thorax @ np.array([1.0, 0.0, 0.0]))
        lateral = _unit(lateral - np.dot(lateral, trunk) * trunk)
        for side in SIDES:
            suf, sg = SUFFIX[side], SIGN[side]
            fall = np.radians(sc.size_of("arms_fall_forward", side) * s)
            arm = rot_axis(lateral, fall) @ trunk
            arm = _unit(arm + np.tan(np.radians(ARM_ABDUCTION_DEG)) * sg * lateral)
            sh0, el0, wr0 = (self.sk.head(b + suf) for b in ("upperarm01", "lowerarm01", "wrist"))
            G_upper = rot_between(el0 - sh0, arm)
            G["upperarm01" + suf] = G_upper
            G["lowerarm01" + suf] = rot_between(G_upper @ (wr0 - el0), arm) @ G_upper

    def _set_press_arms(self, G, root_t, s):
        """Push / pull arms: the wrist on a level line ahead of the shoulder, elbow by IK."""
        reach = s if self.sc.motion.movement == "push" else 1.0 - s
        pole = _unit(np.array([0.0, 1.0, -1.0]))  # elbows go back and down
        for side in SIDES:
            suf = SUFFIX[side]
            sh0, el0, wr0 = (self.sk.head(b + suf) for b in ("upperarm01", "lowerarm01", "wrist"))
            lu, lf = np.linalg.norm(el0 - sh0), np.linalg.norm(wr0 - el0)
            shoulder = self.head_world(G, root_t, "upperarm01" + suf)
            far = 0.97 * (lu + lf)
            ahead = HAND_NEAR_M + (far - HAND_NEAR_M) * reach
            wrist = shoulder + np.array([0.0, -ahead, -HAND_BELOW_SHOULDER_M])
            d_vec = wrist - shoulder
            d = min(np.linalg.norm(d_vec), 0.9995 * (lu + lf))
            u = _unit(d_vec)
            along = (lu**2 - lf**2 + d**2) / (2 * d)
            radius = np.sqrt(max(lu**2 - along**2, 0.0))
            elbow = shoulder + along * u + radius * _unit(pole - np.dot(pole, u) * u)
            G_upper = rot_between(el0 - sh0, elbow - shoulder)
            G["upperarm01" + suf] = G_upper
            G["lowerarm01" + suf] = rot_between(G_upper @ (wr0 - el0), shoulder + u * d - elbow) @ G_upper


def to_local(G: dict[str, np.ndarray], parents: dict[str, str | None]) -> dict[str, np.ndarray]:
    """Global rotations -> anny local-ref rotations (local = parent_global^T @ global)."""

    def global_of(bone):
        b = bone
        while b is not None:
            if b in G:
                return G[b]
            b = parents[b]
        return np.eye(3)

    return {bone: (global_of(parents[bone]).T @ R if parents[bone] else R) for bone, R in G.items()}
