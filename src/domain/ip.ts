// IP addresses as privacy sees them: after the retention period only the network is kept
// (IPv4 /24, IPv6 /64), as WordPress's eraser does, enough for coarse abuse statistics.

import { isIPv4, isIPv6 } from 'node:net';

export function truncateIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return truncateIp(mapped[1]!);
  if (isIPv4(ip)) return ip.split('.').slice(0, 3).concat('0').join('.');
  if (isIPv6(ip)) {
    const [head = '', tail = ''] = ip.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
    return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::`;
  }
  return '0.0.0.0';
}
