// Image grids: where each pixel lands in the tiled heat map.
import { describe, expect, it } from "vitest";
import { imageGrid } from "../../../lib/plot";
import { OptkitError } from "../../../lib/util/check";

// two 2 x 2 images: image 0 = [1 2; 3 4], image 1 = [5 6; 7 8]
const images = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);

describe("imageGrid", () => {
  it("tiles the chosen images in reading order with gaps of null", () => {
    const fig = imageGrid({ title: "t", images, width: 2, height: 2, indices: [1, 0], cols: 2 });
    const z = fig.data[0].z as (number | null)[][];
    // gap of 2 rows on top, tiles 2 wide with 2 columns of gap after each
    expect(z.length).toBe(4);
    expect(z[0].every((v) => v === null)).toBe(true);
    expect(z[2]).toEqual([5, 6, null, null, 1, 2, null, null]);
    expect(z[3]).toEqual([7, 8, null, null, 3, 4, null, null]);
  });

  it("puts one caption above each tile and wraps rows after `cols` tiles", () => {
    const fig = imageGrid({
      title: "t",
      images,
      width: 2,
      height: 2,
      indices: [0, 1, 1],
      cols: 2,
      captions: ["a", "b", "c"],
    });
    const z = fig.data[0].z as (number | null)[][];
    expect(z.length).toBe(2 * (2 + 10)); // two rows of tiles, 10-pixel caption gaps
    expect(z[12 + 10][0]).toBe(5); // third image: second row, first column
    const notes = (fig.layout?.annotations ?? []) as { text: string; x: number; y: number }[];
    expect(notes.map((a) => [a.text, a.x, a.y])).toEqual([
      ["a", 0.5, 9],
      ["b", 4.5, 9],
      ["c", 0.5, 21],
    ]);
  });

  it("rejects an index outside the images and a wrong number of captions", () => {
    const base = { title: "t", images, width: 2, height: 2, cols: 2 };
    expect(() => imageGrid({ ...base, indices: [2] })).toThrow(/indices\[0\]/);
    expect(() => imageGrid({ ...base, indices: [0], captions: [] })).toThrow(OptkitError);
  });
});
