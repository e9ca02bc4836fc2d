/**
 * Real SDK clients whose `send` answers from a script, for the paging
 * behaviour moto never shows (several pages of volumes, an empty page that
 * still carries a NextToken, DescribeTags over 20 ARNs).
 */

export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

/** Replaces `client.send`; `answer` gets the command name and a copy of its input. */
export function stubSend<C extends object>(client: C, answer: (name: string, input: Record<string, unknown>, index: number) => unknown): { client: C; sent: SentCommand[] } {
  const sent: SentCommand[] = [];
  (client as unknown as { send: (command: { constructor: { name: string }; input: Record<string, unknown> }) => Promise<unknown> }).send = async (command) => {
    const name = command.constructor.name.replace(/Command$/, '');
    // Paginators reuse one input object across pages, so keep a copy of each.
    const input = structuredClone(command.input);
    sent.push({ name, input });
    const out = answer(name, input, sent.filter((s) => s.name === name).length - 1);
    if (out instanceof Error) throw out;
    return out;
  };
  return { client, sent };
}

/** Answers the i-th call of an operation with the i-th page. */
export function pages(...list: unknown[]) {
  return (_name: string, _input: Record<string, unknown>, index: number): unknown => {
    if (index >= list.length) throw new Error(`unexpected call #${index + 1}`);
    return list[index];
  };
}
