#version 330 core
// One actor: an instanced quad around its centre, big enough for the shape,
// its outline and a pixel of antialiasing.
layout(location = 0) in vec2 a_corner;  // (-1,-1) … (1,1)
layout(location = 1) in vec2 a_center;  // layout units
layout(location = 2) in float a_radius;
layout(location = 3) in vec4 a_color;
layout(location = 4) in float a_shape;  // 0 circle, 1 square, 2 diamond, 3 triangle, 4 hexagon
layout(location = 5) in float a_flags;  // 1 selected, 2 hovered, 4 faded, 8 pinned, 16 agreement party

uniform vec2 u_center;    // camera centre, layout units
uniform float u_zoom;     // pixels per layout unit
uniform vec2 u_viewport;  // pixels
uniform float u_minRadius;  // pixels: small actors stay visible when zoomed out

out vec2 v_local;        // position in units of the radius
out float v_pixel;       // one pixel in units of the radius
flat out vec4 v_color;
flat out float v_shape;
flat out float v_flags;

void main() {
  float radiusPx = max(a_radius * u_zoom, u_minRadius);
  float margin = 4.0 / radiusPx;  // outline and antialiasing
  vec2 local = a_corner * (1.25 + margin);
  vec2 world = a_center + local * (radiusPx / u_zoom);
  vec2 ndc = (world - u_center) * u_zoom * 2.0 / u_viewport;
  gl_Position = vec4(ndc, 0.0, 1.0);
  v_local = local;
  v_pixel = 1.0 / radiusPx;
  v_color = a_color;
  v_shape = a_shape;
  v_flags = a_flags;
}
