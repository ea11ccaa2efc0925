/** The page's theme as apps see it in their props: JupyterLab's (and Voila's) theme name. */
export interface Theme {
  name: string;
  light: boolean;
}

/**
 * JupyterLab marks the body with its theme (`data-jp-theme-name`, `data-jp-theme-light`).
 * The theme's CSS variables (`--jp-*`) need nothing: custom properties inherit into shadow
 * roots. Pages without the marks (a plain page, a classic theme) count as light.
 */
export function currentTheme(): Theme {
  const body = document.body;
  return {
    name: body.dataset.jpThemeName ?? "",
    light: body.dataset.jpThemeLight !== "false",
  };
}

/** Calls `onChange` whenever the page switches theme; returns the function that stops it. */
export function watchTheme(onChange: (theme: Theme) => void): () => void {
  let last = JSON.stringify(currentTheme());
  const observer = new MutationObserver(() => {
    const theme = currentTheme();
    if (JSON.stringify(theme) === last) return;
    last = JSON.stringify(theme);
    onChange(theme);
  });
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"],
  });
  return () => observer.disconnect();
}
