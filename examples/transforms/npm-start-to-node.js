// A transform of your own, in one file: `npm start` as PID 1 -> the `node` command its start script runs.
//
// npm passes SIGTERM on poorly, so `docker stop` waits its 10 s and kills the app. When the start script
// is one plain `node ...` command, the image can run that command itself. Run it after the built-ins:
//
//   npx dockerize-ms migrate --transform node-multistage,./examples/transforms/npm-start-to-node.js
//
// A transform is `meta` plus one pure function. It gets the parsed Dockerfile, the facts read from the
// project, the options, and `kit`, the helper API the built-in transforms are made of (no install needed).

const messages = {
  'npm-start-replaced':
    '{{from}} -> {{to}}: node runs as PID 1 and receives the stop signal (the start script was `{{script}}`)',
};

module.exports = {
  meta: {
    name: 'npm-start-to-node',
    description: 'Start with the node command of the start script instead of `npm start`',
    kinds: ['node'],
  },

  transform(model, facts, options, kit) {
    const note = kit.notes.noteMaker(messages);
    const stage = kit.queries.finalStage(model);
    const cmd = [...stage.instructions].reverse().find((i) => i.keyword === 'CMD');
    if (!cmd) return { applicable: false, reason: 'no CMD' };
    if (stage.instructions.some((i) => i.keyword === 'ENTRYPOINT'))
      return { applicable: false, reason: 'the image has its own ENTRYPOINT' };
    const words = cmd.exec ?? kit.shell.shellWords(cmd.body);
    const npmStart =
      words[0] === 'npm' && (words.join(' ') === 'npm start' || words.join(' ') === 'npm run start');
    if (!npmStart) return { applicable: false, reason: 'the image does not start with `npm start`' };

    const scripts = facts.node?.scripts ?? {};
    // npm runs prestart and poststart around start: the image would lose them.
    if (scripts.prestart !== undefined || scripts.poststart !== undefined)
      return { applicable: false, reason: 'npm start also runs prestart/poststart scripts' };
    const script = facts.node?.startScript;
    if (!script) return { applicable: false, reason: 'no start script' };
    const commands = kit.shell.splitCommands(script);
    const run = commands.length === 1 ? commands[0].words : [];
    // Only what is provably the same command: `node` with plain arguments, no variables, no shell.
    if (run[0] !== 'node' || run.some((w) => /[$`*?~]/.test(w)))
      return { applicable: false, reason: `the start script is not one plain node command: ${script}` };

    const next = `${kit.stage.keyword(model, 'CMD')} ${JSON.stringify(run).replace(/","/g, '", "')}`;
    return {
      edits: [kit.edits.replaceRange(cmd.start, cmd.end, next)],
      notes: [note('npm-start-replaced', { from: cmd.text, to: next, script })],
    };
  },
};
