// Who may do what, each rule written once, by subject. Pages, components, actions and queries all ask these.
export * from "./roles";
export * from "./suspension";
export * from "./comments";
export * from "./moderation";
export * from "./articles";
export * from "./threads";
export * from "./appeals";
