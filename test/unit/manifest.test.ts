import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { CommandIds } from '../../src/vscode/commandIds';

// The manifest is the contract with VS Code; these are the promises the product spec makes about it.
// User-visible strings live in package.nls.json (for translation); read them as VS Code shows them.
const root = path.join(__dirname, '..', '..');
const strings: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'), (_key, value) => {
  if (typeof value !== 'string' || !/^%[^%]+%$/.test(value)) return value;
  const resolved = strings[value.slice(1, -1)];
  if (resolved === undefined) throw new Error(`package.json refers to ${value}, which package.nls.json lacks`);
  return resolved;
});

describe('package.json', () => {
  it('activates on start-up finished, never on *', () => {
    assert.deepStrictEqual(manifest.activationEvents, ['onStartupFinished']);
    assert.strictEqual(manifest.engines.vscode, '^1.100.0');
  });

  it('declares limited support for untrusted workspaces on purpose', () => {
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 20);
  });

  it('puts every command under the Hands-On category with a Title Case title', () => {
    for (const command of manifest.contributes.commands) {
      assert.strictEqual(command.category, 'Hands-On', command.command);
      for (const word of command.title.split(' ').filter((w: string) => !['a', 'an', 'the', 'of', 'to', 'up', 'for'].includes(w))) {
        assert.match(word, /^[A-Z0-9]/, `${command.command}: "${command.title}" is not Title Case`);
      }
    }
  });

  it('lists exactly the command ids the code registers', () => {
    const inCode = Object.values(CommandIds);
    const inManifest = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepStrictEqual([...inManifest].sort(), [...inCode].sort());
  });

  it('contributes the Hands-On container and the Suggested Tasks view with welcome content', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'handsOn');
    assert.strictEqual(container.title, 'Hands-On');
    const view = manifest.contributes.views.handsOn.find((v: { id: string }) => v.id === 'handsOn.tasks');
    assert.strictEqual(view.name, 'Suggested Tasks');
    assert.ok(manifest.contributes.viewsWelcome.some((w: { view: string }) => w.view === 'handsOn.tasks'));
  });

  it('gives every setting a description and a default, and ranges where numeric', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of ['handsOn.idleTimeoutMinutes', 'handsOn.dailyGoalMinutes', 'handsOn.streak.rule', 'handsOn.streak.freezesPerMonth', 'handsOn.authorEmails', 'handsOn.tracking.enabled']) {
      const setting = properties[key];
      assert.ok(setting, `${key} missing`);
      assert.ok(setting.description || setting.markdownDescription, `${key} has no description`);
      assert.notStrictEqual(setting.default, undefined, `${key} has no default`);
      if (setting.type === 'integer' || setting.type === 'number') {
        assert.strictEqual(typeof setting.minimum, 'number', `${key} has no minimum`);
        assert.strictEqual(typeof setting.maximum, 'number', `${key} has no maximum`);
      }
    }
    assert.strictEqual(properties['handsOn.idleTimeoutMinutes'].default, 5);
    assert.strictEqual(properties['handsOn.idleTimeoutMinutes'].minimum, 1);
    assert.strictEqual(properties['handsOn.idleTimeoutMinutes'].maximum, 60);
    assert.strictEqual(properties['handsOn.dailyGoalMinutes'].default, 20);
    assert.strictEqual(properties['handsOn.streak.rule'].default, 'weekdays');
    assert.strictEqual(properties['handsOn.streak.freezesPerMonth'].default, 2);
  });

  it('gives every kind of task item at most 3 inline actions, and a way to start it', () => {
    const items: { command: string; when: string; group?: string }[] = manifest.contributes.menus['view/item/context'];
    // The `viewItem` forms our when-clauses use: `viewItem == x` and `viewItem =~ /re/`.
    const shownFor = (when: string, viewItem: string) =>
      when.split('&&').map((c) => c.trim()).every((clause) => {
        const equal = /^viewItem == (\S+)$/.exec(clause);
        if (equal) return equal[1] === viewItem;
        const match = /^viewItem =~ \/(.+)\/$/.exec(clause);
        if (match) return new RegExp(match[1]!).test(viewItem);
        return clause === 'view == handsOn.tasks';
      });
    for (const viewItem of ['handsOn.task', 'handsOn.task.bug']) {
      const inline = items.filter((item) => item.group?.startsWith('inline') && shownFor(item.when, viewItem)).map((item) => item.command);
      assert.ok(inline.length >= 1 && inline.length <= 3, `${viewItem}: inline ${inline.join(', ')}`);
      assert.ok(inline.includes(viewItem === 'handsOn.task.bug' ? CommandIds.pickUpBug : CommandIds.startTask), `${viewItem}: inline ${inline.join(', ')}`);
    }
    assert.ok(!items.some((item) => shownFor(item.when, 'handsOn.taskGroup')), 'a group row has task actions');
  });
});
