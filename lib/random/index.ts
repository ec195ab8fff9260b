/** Randomness: one seeded generator (seedrandom) for every random draw in the course. */
export * from "./rng";
