#version 330 core
// One tie: an instanced strip along a quadratic curve (straight when the
// bend is 0), as wide as the tie, at least one pixel.
const int kSegments = 12;

layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in float a_width;
layout(location = 3) in vec4 a_color;
layout(location = 4) in float a_curve;  // bend as a fraction of the length
layout(location = 5) in float a_flags;  // 1 dashed, 2 arrow, 4 faded, 8 highlighted, 16 selected

uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_viewport;

out float v_along;  // pixels along the tie
out float v_side;   // -1 … 1 across it
flat out vec4 v_color;
flat out float v_flags;
flat out float v_halfWidthPx;

void main() {
  int i = gl_VertexID;
  float t = float(i / 2) / float(kSegments);
  float side = (i % 2 == 0) ? -1.0 : 1.0;
  vec2 d = a_to - a_from;
  float len = length(d);
  vec2 n = len > 0.0 ? vec2(-d.y, d.x) / len : vec2(0.0, 1.0);
  vec2 control = (a_from + a_to) * 0.5 + n * a_curve * len;
  vec2 p = mix(mix(a_from, control, t), mix(control, a_to, t), t);
  vec2 tangent = 2.0 * (1.0 - t) * (control - a_from) + 2.0 * t * (a_to - control);
  vec2 normal = length(tangent) > 0.0 ? normalize(vec2(-tangent.y, tangent.x)) : n;
  float halfPx = max(a_width * u_zoom, 1.0) * 0.5 + 1.0;  // + one pixel for antialiasing
  if ((int(a_flags + 0.5) & 16) != 0) halfPx += 2.0;         // a selected tie stands out
  vec2 world = p + normal * side * halfPx / u_zoom;
  gl_Position = vec4((world - u_center) * u_zoom * 2.0 / u_viewport, 0.0, 1.0);
  v_along = t * len * u_zoom;
  v_side = side;
  v_color = a_color;
  v_flags = a_flags;
  v_halfWidthPx = halfPx;
}
