process.env.NODE_ENV = "production";
const { render } = await import("ink");
const { createElement: h } = await import("react");
const { PassThrough } = await import("node:stream");
const { DEFAULT_SCENARIO } = await import("./dist/src/scenario/builtins.js");
const { scenarioConfig, startScenario } = await import("./dist/src/scenario/start.js");
const { DashboardController } = await import("./dist/src/ui/controller.js");
const { App } = await import("./dist/src/ui/App.js");
const { toCells, cellsUpdate } = await import("./dist/src/ui/screenDiff.js");
const store = startScenario(DEFAULT_SCENARIO, scenarioConfig(DEFAULT_SCENARIO, {}));
const c = new DashboardController({ store, color: process.argv[2] !== "mono" });
const out = new PassThrough(); out.isTTY = true; out.columns = 120; out.rows = 40;
let shown = null, diffT = 0, bytes = 0;
out.on("data", (d) => { const t = performance.now(); const cells = toCells(d.toString()); bytes += cellsUpdate(shown, cells).length; shown = cells; diffT += performance.now() - t; });
const inp = new PassThrough();
let rt = 0;
const inst = render(h(App, { controller: c, driver: "manual", size: { columns: 120, rows: 40 } }), { stdout: out, stdin: inp, debug: true, patchConsole: false, exitOnCtrlC: false, onRender: ({ renderTime }) => { rt += renderTime; } });
for (let i = 0; i < 50; i++) { c.tickFrame(); await new Promise((r) => setImmediate(r)); }
rt = 0; diffT = 0; bytes = 0;
const N = 300;
let simT = 0;
const cpu0 = process.cpuUsage(); const w0 = performance.now();
for (let i = 0; i < N; i++) {
  const a = performance.now();
  store.advance(1000);
  simT += performance.now() - a;
  c.tickFrame(); // paused? no: advances another speed/fps ticks
  await new Promise((r) => setImmediate(r));
}
const cpu = process.cpuUsage(cpu0); const wall = performance.now() - w0;
console.log(`per frame: total cpu ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms, ink renderTime ${(rt / N).toFixed(2)}, extra sim ${(simT / N).toFixed(2)}, diff ${(diffT / N).toFixed(2)}, bytes ${(bytes / N).toFixed(0)}`);
inst.unmount(); process.exit(0);
