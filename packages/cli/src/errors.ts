/** An input the command cannot use at all: exit code 2 and this message, nothing else written. */
export class UnusableInput extends Error {}
