// Babel is used by jest only; the bundle is built by webpack + ts-loader.
// Classic JSX runtime: the host provides React on window.React, so views only need React.createElement.
module.exports = {
    presets: [
        ["@babel/preset-env", { targets: { node: "current" } }],
        ["@babel/preset-typescript", { allowDeclareFields: true }],
        ["@babel/preset-react", { runtime: "classic" }],
    ],
};
