#version 330 core
in float v_along;
in float v_side;
flat in vec4 v_color;
flat in float v_flags;
flat in float v_halfWidthPx;

uniform vec4 u_selectColor;

out vec4 fragColor;

void main() {
  int flags = int(v_flags + 0.5);
  if ((flags & 1) != 0 && mod(v_along, 10.0) > 6.0) discard;  // planned: dashed, 6 px on, 4 off
  float edgePx = (1.0 - abs(v_side)) * v_halfWidthPx;            // pixels to the tie's border
  vec4 color = v_color;
  color.a *= clamp(edgePx, 0.0, 1.0);
  if ((flags & 4) != 0) color.a *= 0.12;
  if ((flags & 8) != 0) color.rgb *= 0.6;
  if ((flags & 16) != 0) color = vec4(u_selectColor.rgb, color.a);
  fragColor = color;
}
