// Holds a comment that looks sent by a program: the honeypot field (hidden from people, filled
// by bots) has text, or the signed form token is forged, for another article, or younger than
// 3 seconds. A post with no token at all (an old theme, a script posting to
// /wp-comments-post.php) is not held for that alone. Held, never dropped: a person caught by
// mistake loses nothing.

import type { ModerationCheck } from '../check.ts';

export const botSignals: ModerationCheck = {
  name: 'bot-signals',
  run(ctx) {
    const hold = (code: string, detail: string) => ({ status: 'pending' as const, reason: { check: this.name, code, detail } });
    if (ctx.form === null) return undefined;
    if (ctx.form.honeypotFilled) return hold('honeypot_filled', 'likely a bot: the hidden honeypot field was filled in');
    const token = ctx.form.token;
    if (token.state === 'invalid') return hold('form_token_invalid', 'likely a bot: the form token was forged or is for another article');
    if (token.state === 'too_fast') return hold('form_too_fast', `likely a bot: posted ${(token.ageMs / 1000).toFixed(1)} s after the form was shown`);
    return undefined;
  },
};
