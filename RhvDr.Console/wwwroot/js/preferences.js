// Operator display preferences kept in this browser: theme and wall (large type) mode.
const prefix = "rhvdr.";

export function load(key) {
    try { return localStorage.getItem(prefix + key); } catch { return null; }
}

export function save(key, value) {
    try { localStorage.setItem(prefix + key, value); } catch { /* private mode: keep it for this session only */ }
}

// Large type scales every rem-based size (MudBlazor typography) from the root.
export function setWallMode(on) {
    document.documentElement.classList.toggle("wall", !!on);
}
