// What BuildKit requires of each instruction's arguments, in its own words (frontend/dockerfile/instructions/parse.go).
import { jsonForm } from './logical';
import { wordTokens } from './shell';

const STAGE_NAME = /^[a-z][a-z0-9._-]*$/;
const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

/** Why Docker refuses this instruction (keyword as written, arguments after the flags), or null. */
export function instructionProblem(keyword: string, rest: string, escape = '\\'): string | null {
  const name = keyword.toUpperCase();
  switch (name) {
    case 'ENV':
    case 'LABEL':
      return nameValueProblem(name, rest, escape);
    case 'MAINTAINER':
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
      return rest === '' ? `${name} requires exactly one argument` : null;
    case 'ADD':
    case 'COPY': {
      const list = jsonOrWords(rest);
      if (typeof list === 'string') return list;
      if (list.length < 2) return `${name} requires at least two arguments: the sources and a destination`;
      return /^\d*<<-?[^<]/.test(list[list.length - 1])
        ? `${name} cannot take a heredoc as a destination`
        : null;
    }
    case 'FROM': {
      const words = whitespaceWords(rest);
      if (words.length === 3 && words[1].toLowerCase() === 'as') {
        return STAGE_NAME.test(words[2].toLowerCase())
          ? null
          : `invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`;
      }
      if (words.length === 0) return 'FROM without an image';
      return words.length === 1 ? null : 'FROM requires either one or three arguments';
    }
    case 'ONBUILD': {
      const trigger = (/^\S+/.exec(rest)?.[0] ?? '').toUpperCase();
      if (trigger === '') return 'ONBUILD requires at least one argument';
      if (trigger === 'ONBUILD') return 'ONBUILD cannot trigger another ONBUILD';
      if (trigger === 'FROM' || trigger === 'MAINTAINER')
        return `${trigger} isn't allowed as an ONBUILD trigger`;
      return null;
    }
    case 'EXPOSE':
      return rest === '' ? 'EXPOSE requires at least one argument' : null;
    case 'VOLUME': {
      const list = jsonOrWords(rest);
      if (typeof list === 'string') return list;
      if (list.length === 0) return 'VOLUME requires at least one argument';
      return list.some((v) => v.trim() === '') ? 'VOLUME cannot name an empty path' : null;
    }
    case 'ARG': {
      const words = shellSplit(rest, true, escape);
      if (words.length === 0) return 'ARG requires at least one argument';
      return words.some((w) => w.startsWith('=')) ? 'ARG names cannot be blank' : null;
    }
    case 'HEALTHCHECK':
      return healthcheckProblem(rest);
    case 'SHELL': {
      const list = jsonArray(rest);
      if (typeof list === 'string') return list;
      if (rest === '' || (list !== null && list.length === 0)) return 'SHELL requires at least one argument';
      return list === null ? 'SHELL requires the arguments to be in JSON form' : null;
    }
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT': {
      const list = jsonArray(rest);
      return typeof list === 'string' ? list : null;
    }
    default:
      return `unknown instruction: ${keyword}`;
  }
}

/** ENV and LABEL: `name value` (one pair) or `name=value ...`, as BuildKit's parseNameVal reads them. */
function nameValueProblem(name: string, rest: string, escape: string): string | null {
  const words = shellSplit(rest, true, escape);
  if (words.length === 0) return `${name} requires at least one argument`;
  if (!words[0].includes('=')) {
    return /\s/.test(rest) ? null : `${name} must have two arguments: a name and a value`;
  }
  const bad = words.find((w) => !w.includes('='));
  if (bad !== undefined) return `${name}: cannot find = in "${bad}"; write name=value`;
  return words.some((w) => w.startsWith('=')) ? `${name} names cannot be blank` : null;
}

function healthcheckProblem(rest: string): string | null {
  const type = /^\S*/.exec(rest)![0];
  if (type === '') return 'HEALTHCHECK requires at least one argument';
  const command = rest.slice(type.length).trim();
  switch (type.toUpperCase()) {
    case 'NONE':
      return command === '' ? null : 'HEALTHCHECK NONE takes no arguments';
    case 'CMD': {
      const list = jsonArray(command);
      if (typeof list === 'string') return list;
      return command === '' || list?.length === 0 ? 'HEALTHCHECK CMD needs a command' : null;
    }
    default:
      return `unknown type "${type}" in HEALTHCHECK (try CMD)`;
  }
}

/** The JSON array form; null when the text is not one (the shell form); a message for non-strings. */
function jsonArray(rest: string): string[] | string | null {
  const list = jsonForm(rest);
  return list === false ? NOT_STRINGS : list;
}

function jsonOrWords(rest: string): string[] | string {
  return jsonArray(rest) ?? whitespaceWords(rest);
}

function whitespaceWords(rest: string): string[] {
  return rest === '' ? [] : rest.split(/[ \t\v\f\r]+/);
}

/**
 * Words as Docker splits arguments: blanks split them except inside quotes; `raw` keeps the quotes and
 * escapes (for recognising heredoc words), else they are removed. Single quotes escape nothing.
 */
export function shellSplit(text: string, raw: boolean, escape = '\\'): string[] {
  return wordTokens(text, escape).map((t) => (raw ? t.text : t.value));
}
