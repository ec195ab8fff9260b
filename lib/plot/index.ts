export * from "./figure";
export * from "./display";
export * from "./charts";
export * from "./table";
export * from "./images";
export * from "./labels";
