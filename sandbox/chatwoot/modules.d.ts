// busboy ships no types and @types/busboy is not a dependency: the sandbox uses it as `any`.
declare module 'busboy';
