import { strict as assert } from 'node:assert';
import { platformCondition, platformOfFile, platformWait } from '../../../src/core/platformTodo';

/** The wait of the TODO on the line holding `TODO`/`FIXME` (the first such line) of `source`. */
function waitOf(source: string, path = 'src/lib.rs'): string | undefined {
  const lines = source.split('\n');
  const index = lines.findIndex((line) => /\b(?:TODO|FIXME)\b/.test(line));
  assert.ok(index >= 0, 'no TODO in the source');
  const text = lines[index]!.replace(/^.*?\b(?:TODO|FIXME)\b(?:\([^)]*\))?:?\s*/, '');
  return platformWait({ path, text, lines, index });
}

describe('core/platformTodo: a TODO about one platform needs that platform to work on', () => {
  it('a platform condition on the TODO line, on the block it opens, or right after its comment', () => {
    assert.equal(waitOf('#[cfg(not(windows))] // TODO: make this work on Windows\n#[test]\nfn test_full_path_glob_searches() {'), 'a Windows machine');
    assert.equal(waitOf('@Test\n@DisabledOnOs(OS.WINDOWS) // TODO fix the path separators\nvoid resolves() {', 'src/test/java/a/PathTest.java'), 'a Windows machine');
    assert.equal(waitOf('func open(p string) {\n\tif runtime.GOOS == "windows" {\n\t\t// TODO: use the overlapped API\n\t\treturn\n\t}', 'fs.go'), 'a Windows machine');
    assert.equal(waitOf('#ifdef _WIN32 // TODO: long paths\nstatic int x;\n#endif', 'src/io.c'), 'a Windows machine');
    assert.equal(waitOf('#if defined(__APPLE__)\n/* TODO: use F_FULLFSYNC */\n#endif', 'src/fsync.c'), 'a macOS machine');
    assert.equal(waitOf('if sys.platform == "win32":\n    # TODO: handle UNC paths\n    pass', 'pkg/paths.py'), 'a Windows machine');
    // The comment describes the code below it, which runs on that platform alone.
    assert.equal(waitOf('// TODO: use GetSystemTimePreciseAsFileTime\n#[cfg(windows)]\nfn now() {}'), 'a Windows machine');
  });

  it('a TODO that names the platform, with a condition naming it near (even one that excludes it)', () => {
    assert.equal(waitOf('// TODO test for windows\n#[cfg(not(windows))]\n#[test]\nfn test_exec_multi() {', 'tests/tests.rs'), 'a Windows machine');
    const darwin = "// See: https://github.com/BurntSushi/ripgrep/issues/131\n//\n// TODO(burntsushi): Darwin doesn't like this test for some reason. Probably\n// due to the weird file path.\n#[cfg(not(target_os = \"macos\"))]\nrgtest!(r131, |dir: Dir, mut cmd: TestCommand| {";
    assert.equal(waitOf(darwin, 'tests/regression.rs'), 'a macOS machine');
    const jemalloc = '// FIXME: re-enable jemalloc on macOS, see comment in Cargo.toml file for more infos\n// This has to be kept in sync with the Cargo.toml file.\n#[cfg(all(\n    not(windows),\n    not(target_os = "android"),\n    not(target_os = "macos"),\n    feature = "use-jemalloc"\n))]\nuse tikv_jemallocator as _;';
    assert.equal(waitOf(jemalloc, 'src/main.rs'), 'a macOS machine');
    assert.equal(waitOf('# FIXME: Re-enable jemalloc on macOS\n# jemalloc is currently disabled on macOS.\n[target.\'cfg(all(not(windows), not(target_os = "macos")))\'.dependencies]', 'Cargo.toml'), 'a macOS machine');
  });

  it('a file built for one platform alone, by name', () => {
    assert.equal(waitOf('// TODO: Switch to GetSystemTimePreciseAsFileTime which is\nuint64_t NowMicros() {', 'util/env_windows.cc'), 'a Windows machine');
    assert.equal(platformOfFile('fs/stat_darwin_arm64.go'), 'macOS');
    assert.equal(platformOfFile('src/Button.ios.js'), 'iOS');
    assert.equal(platformOfFile('src/window.ts'), undefined);
    assert.equal(platformOfFile('util/env_posix.cc'), undefined);
  });

  it('must stay tasks: code that runs on usual machines, Unix-wide conditions, guards, a platform named with no condition', () => {
    assert.equal(waitOf('// TODO: speed this up\n#[cfg(not(windows))]\nfn fast() {}'), undefined, 'non-Windows code runs on a Mac or Linux');
    assert.equal(waitOf('#[cfg(unix)] // TODO: retry on EINTR\nfn read() {}'), undefined);
    assert.equal(waitOf('// TODO: support Windows paths\nfn parse(p: &str) {}'), undefined);
    assert.equal(waitOf('#ifndef STORAGE_LEVELDB_UTIL_WINDOWS_LOGGER_H_\n// TODO: flush on every line\n#define STORAGE_LEVELDB_UTIL_WINDOWS_LOGGER_H_', 'util/logger.h'), undefined);
    assert.equal(waitOf('if runtime.GOOS == "windows" { t.Skip() }\n// TODO: add more cases\nfunc TestX(t *testing.T) {', 'x_test.go'), undefined);
    assert.equal(waitOf('if (isMachineReady) { // TODO: validate the MAC address\n  go();\n}', 'src/net.js'), undefined);
  });

  it('reads conditions per language and whether they exclude the platform', () => {
    assert.deepEqual(platformCondition('if runtime.GOOS != "windows" {'), { platforms: ['Windows'], negative: true });
    assert.deepEqual(platformCondition("if (process.platform === 'darwin') {"), { platforms: ['macOS'], negative: false });
    assert.deepEqual(platformCondition('if OperatingSystem.IsLinux() {'), { platforms: ['Linux'], negative: false });
    assert.deepEqual(platformCondition('#if os(iOS)'), { platforms: ['iOS'], negative: false });
    assert.equal(platformCondition('#ifdef HAVE_ZLIB'), undefined);
    assert.equal(platformCondition('let windows = open_windows();'), undefined);
  });
});
