#version 330 core
// Signed distances of the five actor shapes (unit size), filled, with an
// outline for the selection, the parties of the selected agreement and the hovered actor.
in vec2 v_local;
in float v_pixel;
flat in vec4 v_color;
flat in float v_shape;
flat in float v_flags;

uniform vec4 u_selectColor;
uniform vec4 u_hoverColor;
uniform vec4 u_partyColor;
uniform vec4 u_borderColor;

out vec4 fragColor;

float sdBox(vec2 p, float b) {
  vec2 d = abs(p) - vec2(b);
  return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}

float sdDiamond(vec2 p, float r) { return (abs(p.x) + abs(p.y) - r) * 0.70710678; }

float sdTriangle(vec2 p, float r) {
  // Equilateral, pointing up, centred on its centroid.
  const float k = 1.7320508;
  p.y += r * 0.25;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}

float sdHexagon(vec2 p, float r) {
  const vec3 k = vec3(-0.8660254, 0.5, 0.57735027);
  p = abs(p);
  p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
  p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
  return length(p) * sign(p.y);
}

void main() {
  float d;
  int shape = int(v_shape + 0.5);
  if (shape == 1) d = sdBox(v_local, 0.86);
  else if (shape == 2) d = sdDiamond(v_local, 1.2);
  else if (shape == 3) d = sdTriangle(v_local, 1.15);
  else if (shape == 4) d = sdHexagon(v_local, 0.95);
  else d = length(v_local) - 1.0;

  int flags = int(v_flags + 0.5);
  bool selected = (flags & 1) != 0, hovered = (flags & 2) != 0, faded = (flags & 4) != 0;
  bool party = (flags & 16) != 0;
  float aa = v_pixel;
  // A thin darker border always; a thick outline for selection or hover.
  float ring = (selected || party ? 3.0 : hovered ? 2.0 : 0.0) * v_pixel;
  float inside = 1.0 - smoothstep(-aa, aa, d);
  float outer = 1.0 - smoothstep(-aa, aa, d - ring);
  if (outer <= 0.0) discard;
  vec4 fill = v_color;
  float border = 1.0 - smoothstep(0.0, aa, -d - v_pixel);  // the last pixel inside the shape
  fill.rgb = mix(fill.rgb, u_borderColor.rgb, border * 0.45);
  vec4 outline = selected ? u_selectColor : party ? u_partyColor : u_hoverColor;
  vec4 color = ring > 0.0 ? mix(outline, fill, inside) : fill;
  color.a *= ring > 0.0 ? outer : inside;
  if (faded) color.a *= 0.18;
  fragColor = color;
}
