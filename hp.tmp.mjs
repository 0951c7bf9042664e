const { DEFAULT_SCENARIO } = await import("./dist/src/scenario/builtins.js");
const { scenarioConfig, startScenario } = await import("./dist/src/scenario/start.js");
const { createHeadlessDashboard, screenUpdate } = await import("./dist/src/ui/headless.js");
const store = startScenario(DEFAULT_SCENARIO, scenarioConfig(DEFAULT_SCENARIO, {}));
const d = createHeadlessDashboard({ store, columns: 120, rows: 40, color: true });
let prev = d.screen();
for (let i = 0; i < 100; i++) d.frame();
const c = d.controller;
const cpu0 = process.cpuUsage(); let tSim = 0, tView = 0, tDraw = 0, tDiff = 0;
const N = 500;
for (let i = 0; i < N; i++) {
  let a = performance.now(); c.tickFrame(); let b = performance.now(); tSim += b - a;
  const v = c.view(120, 40); a = performance.now(); tView += a - b;
  const s = d.screen(); b = performance.now(); tDraw += b - a;
  screenUpdate(prev, s); prev = s; a = performance.now(); tDiff += a - b;
}
const cpu = process.cpuUsage(cpu0);
console.log(`cpu/frame ${((cpu.user+cpu.system)/1000/N).toFixed(2)} ms: tick(sim+sample) ${(tSim/N).toFixed(2)} view ${(tView/N).toFixed(2)} draw ${(tDraw/N).toFixed(2)} diff(2 parses) ${(tDiff/N).toFixed(2)}`);
