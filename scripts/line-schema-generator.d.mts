// Types of scripts/line-schema-generator.mjs for the TypeScript tests that import it.
export declare const rootComponent: string;
export declare const filledBySinch: Record<string, string>;
export declare const documented: Record<string, unknown>;
export declare function generateLineSchema(openApi: unknown): Record<string, unknown>;
export declare function serialize(schema: unknown): string;
