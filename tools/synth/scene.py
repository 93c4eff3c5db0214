"""Headless rendering with pyrender (EGL on Mesa's software renderer): room, lights,
camera, and the camera's exact projection for the ground truth.

Set PYOPENGL_PLATFORM=egl before importing (tools.synth.__main__ does). The camera is
level-free: it sits at `height_m` and aims at `aim_height_m` above the subject's feet.
Pixel coordinates are continuous, (0, 0) = top-left corner of the image, x right, y down.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from .scenario import Camera, Lighting

if not hasattr(np, "infty"):  # pyrender 0.1.45's shadow pass still uses the NumPy 1 alias
    np.infty = np.inf

WALL_BEHIND_M = 2.2  # wall distance behind the subject, opposite the camera


@dataclass(frozen=True)
class CameraModel:
    """Pinhole camera in OpenCV convention: px = K (R p + t), x right, y down, z forward."""

    K: np.ndarray  # (3,3)
    R: np.ndarray  # (3,3) world -> camera
    t: np.ndarray  # (3,)
    eye: np.ndarray  # camera centre in the world
    width: int
    height: int

    def project(self, points: np.ndarray) -> np.ndarray:
        """(...,3) world points -> (...,2) pixels; NaN stays NaN."""
        cam = points @ self.R.T + self.t
        uv = cam @ self.K.T
        return uv[..., :2] / uv[..., 2:3]

    def gl_pose(self) -> np.ndarray:
        """4x4 camera-to-world pose in OpenGL convention (looks down -Z, +Y up) for pyrender."""
        pose = np.eye(4)
        pose[:3, 0] = self.R[0]
        pose[:3, 1] = -self.R[1]
        pose[:3, 2] = -self.R[2]
        pose[:3, 3] = self.eye
        return pose


def camera_direction(camera: Camera) -> np.ndarray:
    """Unit horizontal vector from the subject towards the camera."""
    base = {"front": np.array([0.0, -1.0, 0.0]), "back": np.array([0.0, 1.0, 0.0])}
    if camera.view == "side":
        d = np.array([1.0, 0.0, 0.0]) if camera.side_shown == "left" else np.array([-1.0, 0.0, 0.0])
    else:
        d = base[camera.view]
    a = np.radians(camera.yaw_deg)
    rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    return rz @ d


def make_camera(camera: Camera, subject_xy: np.ndarray) -> CameraModel:
    direction = camera_direction(camera)
    target = np.array([subject_xy[0], subject_xy[1], camera.aim_height_m])
    eye = np.array([subject_xy[0], subject_xy[1], 0.0]) + direction * camera.distance_m
    eye[2] = camera.height_m
    forward = target - eye
    forward /= np.linalg.norm(forward)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    down = np.cross(forward, right)
    R = np.stack([right, down, forward])
    f = (camera.height / 2) / np.tan(np.radians(camera.yfov_deg) / 2)
    K = np.array([[f, 0, camera.width / 2], [0, f, camera.height / 2], [0, 0, 1.0]])
    return CameraModel(K=K, R=R, t=-R @ eye, eye=eye, width=camera.width, height=camera.height)


# ----------------------------------------------------------------------------- textures
def _smooth_noise(rng, shape, scale):
    small = rng.random((max(shape[0] // scale[0], 2), max(shape[1] // scale[1], 2)))
    img = Image.fromarray((small * 255).astype(np.uint8)).resize((shape[1], shape[0]), Image.BICUBIC)
    return np.asarray(img, float) / 255.0


def floor_texture(style: str, seed: int) -> np.ndarray:
    """Wooden planks ("oak") or speckled rubber gym flooring ("grey"), (512,512,3) uint8."""
    rng = np.random.default_rng(seed)
    n = 512
    if style == "grey":
        base = np.array([92, 94, 98], float)
        speck = rng.random((n, n)) < 0.03
        tex = base * (0.92 + 0.16 * _smooth_noise(rng, (n, n), (32, 32)))[..., None]
        tex[speck] = [150, 150, 150]
        return np.clip(tex, 0, 255).astype(np.uint8)
    planks = 6
    width = n // planks
    tex = np.zeros((n, n, 3))
    grain = _smooth_noise(rng, (n, n), (64, 2))
    for i in range(planks):
        colour = np.array([176, 128, 82], float) * rng.uniform(0.85, 1.12)
        cols = slice(i * width, (i + 1) * width)
        tex[:, cols] = colour * (0.85 + 0.25 * grain[:, cols, None])
        tex[:, i * width] *= 0.55  # seam
        cut = rng.integers(0, n)
        tex[cut : cut + 2, cols] *= 0.6
    return np.clip(tex, 0, 255).astype(np.uint8)


def wall_texture(colour, seed: int, style: str = "plain") -> np.ndarray:
    """Painted plaster with a skirting board along the bottom, (256,512,3) uint8: 4.5 m x 10 m.

    style "posters" hangs clutter a phone clip has behind the client: posters, a door, a shelf.
    """
    rng = np.random.default_rng(seed + 1)
    h, w = 256, 512
    tex = np.array(colour, float) * (0.94 + 0.08 * _smooth_noise(rng, (h, w), (16, 16)))[..., None]
    if style == "posters":
        _hang_clutter(tex, rng)
    skirting = max(int(h * 0.1 / 4.5), 2)
    tex[h - skirting :] = [236, 234, 228]
    tex[h - skirting - 1] = [150, 150, 145]
    blurred = Image.fromarray(np.clip(tex, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    return np.asarray(blurred)


def _hang_clutter(tex: np.ndarray, rng: np.random.Generator) -> None:
    """Paint 3-6 posters, a door and a shelf line onto a wall texture in place (57 px per metre)."""
    h, w = tex.shape[:2]
    px = w / 10.0
    door_x = int(rng.uniform(0.05, 0.85) * w)
    tex[h - int(2.05 * px) :, door_x : door_x + int(0.85 * px)] = rng.uniform(60, 170, 3)
    for _ in range(rng.integers(3, 7)):
        pw, ph = (rng.uniform(0.4, 1.2, 2) * px).astype(int)
        x, y = rng.integers(0, w - pw), rng.integers(int(0.8 * px), h - ph - int(0.6 * px))
        tex[y : y + ph, x : x + pw] = rng.uniform(20, 240, 3)
        tex[y + ph // 4 : y + ph // 2, x + pw // 6 : x + pw - pw // 6] = rng.uniform(20, 240, 3)
    shelf = h - int(rng.uniform(1.3, 1.9) * px)
    tex[shelf : shelf + 3] = [90, 70, 50]


# ------------------------------------------------------------------------------ renderer
class SceneRenderer:
    """A room (floor + back wall), lights and one camera; `render(vertices)` -> RGB."""

    def __init__(self, camera: CameraModel, camera_cfg: Camera, lighting: Lighting, faces, colours, subject_xy):
        import pyrender
        import trimesh

        self._pyrender, self._trimesh = pyrender, trimesh
        self.faces = faces
        self.colours = colours
        self.scene = pyrender.Scene(ambient_light=np.full(3, lighting.ambient), bg_color=[0.8, 0.8, 0.8, 1.0])
        self._add_room(camera_cfg, lighting, subject_xy)
        self._add_lights(camera_cfg, lighting)
        cam = pyrender.IntrinsicsCamera(
            fx=camera.K[0, 0], fy=camera.K[1, 1], cx=camera.K[0, 2], cy=camera.K[1, 2], znear=0.1, zfar=30.0
        )
        self.scene.add(cam, pose=camera.gl_pose())
        self.renderer = pyrender.OffscreenRenderer(camera.width, camera.height)
        self.material = pyrender.MetallicRoughnessMaterial(
            metallicFactor=0.0, roughnessFactor=0.85, baseColorFactor=[1.0, 1.0, 1.0, 1.0]
        )
        self.body_node = None

    def _textured_quad(self, corners, uv_repeat, image):
        trimesh, pyrender = self._trimesh, self._pyrender
        faces = np.array([[0, 1, 2], [0, 2, 3]])
        uv = np.array([[0, 0], [uv_repeat[0], 0], [uv_repeat[0], uv_repeat[1]], [0, uv_repeat[1]]], float)
        tex = pyrender.Texture(source=image, source_channels="RGB")
        material = pyrender.MetallicRoughnessMaterial(baseColorTexture=tex, metallicFactor=0.0, roughnessFactor=0.9)
        mesh = trimesh.Trimesh(vertices=np.asarray(corners, float), faces=faces, process=False)
        prim = pyrender.Primitive(
            positions=mesh.vertices, normals=mesh.vertex_normals, texcoord_0=uv, indices=faces, material=material
        )
        return pyrender.Mesh([prim])

    def _add_room(self, camera_cfg: Camera, lighting: Lighting, subject_xy):
        d = camera_direction(camera_cfg)
        side = np.array([-d[1], d[0], 0.0])
        c = np.array([subject_xy[0], subject_xy[1], 0.0])
        size = 7.0
        floor = [c + s1 * size * d + s2 * size * side for s1, s2 in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        if np.cross(floor[1] - floor[0], floor[2] - floor[0])[2] < 0:
            floor = floor[::-1]
        self.scene.add(
            self._textured_quad(floor, (size * 2 / 1.2, size * 2 / 1.2), floor_texture(lighting.floor, lighting.seed))
        )
        back = c - d * WALL_BEHIND_M
        half = 5.0
        wall = [
            back - side * half,
            back + side * half,
            back + side * half + [0, 0, 4.5],
            back - side * half + [0, 0, 4.5],
        ]
        if np.dot(np.cross(wall[1] - wall[0], wall[2] - wall[0]), d) < 0:
            wall = [wall[1], wall[0], wall[3], wall[2]]
        self.scene.add(
            self._textured_quad(wall, (1.0, 1.0), wall_texture(lighting.wall, lighting.seed, lighting.wall_style))
        )

    def _add_lights(self, camera_cfg: Camera, lighting: Lighting):
        pyrender = self._pyrender
        rng = np.random.default_rng(lighting.seed)
        base = np.degrees(np.arctan2(*camera_direction(camera_cfg)[:2][::-1]))

        def directional(azimuth_deg, elevation_deg, intensity, tint):
            az, el = np.radians(azimuth_deg), np.radians(elevation_deg)
            towards_light = np.array([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)])
            z = towards_light
            x = np.cross([0.0, 0.0, 1.0], z)
            x = x / np.linalg.norm(x) if np.linalg.norm(x) > 1e-6 else np.array([1.0, 0, 0])
            pose = np.eye(4)
            pose[:3, :3] = np.stack([x, np.cross(z, x), z], axis=1)
            self.scene.add(pyrender.DirectionalLight(color=tint, intensity=intensity), pose=pose)

        warm = np.array([1.0, 0.96, 0.9]) + rng.uniform(-0.04, 0.04, 3)
        directional(
            base + lighting.key_azimuth_deg + rng.uniform(-10, 10),
            lighting.key_elevation_deg,
            lighting.key_intensity,
            warm,
        )
        # Fill as a point light on the camera's side: only the key light casts shadows
        # (shadow maps are slow on a software renderer).
        for azimuth, height, share in ((-lighting.key_azimuth_deg - 50, 2.2, 0.3),):
            a = np.radians(base + azimuth + rng.uniform(-15, 15))
            pose = np.eye(4)
            pose[:3, 3] = [3.0 * np.cos(a), 3.0 * np.sin(a), height]
            self.scene.add(
                pyrender.PointLight(color=np.array([0.92, 0.96, 1.0]), intensity=lighting.key_intensity * share * 12.0),
                pose=pose,
            )

    def render(self, vertices: np.ndarray) -> np.ndarray:
        pyrender, trimesh = self._pyrender, self._trimesh
        if self.body_node is not None:
            self.scene.remove_node(self.body_node)
        mesh = trimesh.Trimesh(vertices=vertices, faces=self.faces, process=False)
        body = pyrender.Primitive(
            positions=vertices,
            normals=mesh.vertex_normals,
            color_0=self.colours,
            indices=self.faces,
            material=self.material,
        )
        self.body_node = self.scene.add(pyrender.Mesh([body]))
        color, _ = self.renderer.render(self.scene, flags=pyrender.RenderFlags.SHADOWS_DIRECTIONAL)
        return color

    def close(self):
        self.renderer.delete()
