// Lint rules: typescript-eslint's recommended set, strict about `any` in the library.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "build/**", "data/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the seeded generator in lib/random." },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
);
