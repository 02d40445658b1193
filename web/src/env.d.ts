// Vite turns CSS imports into a stylesheet link in the built index.html.
declare module "*.css";
