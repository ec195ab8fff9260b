import { describe, expect, it } from "vitest";
import { renderMarkdown, renderNotebook } from "../../scripts/site/render";
import { serve } from "../../scripts/site/serve";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

describe("the static course site", () => {
  it("renders markdown with KaTeX math, leaving code spans alone", () => {
    const html = renderMarkdown("Here $x_1^2$ and `a_b $c$`\n\n$$\\eta_t = \\eta_0$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<code>a_b $c$</code>");
  });

  it("renders code cells with their outputs, escaping text", () => {
    const html = renderNotebook({
      cells: [
        {
          cell_type: "code",
          source: "let a = 1 < 2;",
          metadata: {},
          outputs: [{ output_type: "stream", name: "stdout", text: "<true>" }],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    expect(html).toContain("let a = 1 &lt; 2;");
    expect(html).toContain("&lt;true&gt;");
  });

  it("serves files from its folder only, on the loopback interface", async () => {
    const dir = mkdtempSync(join(tmpdir(), "optkit-site-"));
    writeFileSync(join(dir, "index.html"), "<h1>course</h1>");
    const { server, url } = await serve(dir, 0);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(await (await fetch(url)).text()).toBe("<h1>course</h1>");
      expect((await fetch(url + "..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
