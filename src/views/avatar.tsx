/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// A commenter's picture, drawn here from a keyed hash: a symmetric 5×5 pattern in a colour
// of its own. No request leaves the page and nothing in it can be traced to an email.

export function Avatar({ avatarKey }: { avatarKey: string }) {
  const bits = parseInt(avatarKey.slice(0, 8), 16);
  const hue = parseInt(avatarKey.slice(8, 11), 16) % 360;
  let d = '';
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if ((bits >>> (row * 3 + col)) & 1) {
        d += `M${col} ${row}h1v1h-1z`;
        if (col < 2) d += `M${4 - col} ${row}h1v1h-1z`;
      }
    }
  }
  return (
    <svg class="avatar" viewBox="-0.5 -0.5 6 6" width="40" height="40" aria-hidden="true" focusable="false">
      <path fill={`hsl(${hue} 55% 45%)`} d={d || 'M2 2h1v1h-1z'} />
    </svg>
  );
}
