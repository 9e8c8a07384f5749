// The middle value of a bench's rounds (the upper middle for an even count): shared by
// floor.mjs and http-floor.mjs so both report their rounds the same way.
export const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
