#version 330 core
// The arrowhead of a directed tie: a triangle whose tip touches the target's border.
layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in float a_width;
layout(location = 3) in vec4 a_color;
layout(location = 4) in float a_curve;
layout(location = 5) in float a_flags;
layout(location = 6) in float a_toRadius;

uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_viewport;
uniform float u_minRadius;

flat out vec4 v_color;

void main() {
  vec2 d = a_to - a_from;
  float len = length(d);
  vec2 n = len > 0.0 ? vec2(-d.y, d.x) / len : vec2(0.0, 1.0);
  vec2 control = (a_from + a_to) * 0.5 + n * a_curve * len;
  vec2 dir = normalize(a_to - control);
  vec2 side = vec2(-dir.y, dir.x);
  float sizePx = max(a_width * u_zoom * 3.0, 7.0);
  vec2 tip = a_to - dir * max(a_toRadius * u_zoom, u_minRadius) * 1.05 / u_zoom;
  vec2 base = tip - dir * sizePx / u_zoom;
  vec2 p = gl_VertexID == 0 ? tip : base + side * (gl_VertexID == 1 ? 0.5 : -0.5) * sizePx / u_zoom;
  gl_Position = vec4((p - u_center) * u_zoom * 2.0 / u_viewport, 0.0, 1.0);
  v_color = a_color;
  if ((int(a_flags + 0.5) & 4) != 0) v_color.a *= 0.12;
}
