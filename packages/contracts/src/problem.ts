import { z } from 'zod';

/** One bad field of a request: where it was, which field, and what is wrong with it. */
export const FieldError = z.object({
  in: z.enum(['body', 'querystring', 'params', 'headers', 'row']).describe('the part of the request'),
  field: z.string().describe('dotted path of the field, e.g. wage.min'),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, the body of every error response. */
export const Problem = z
  .object({
    type: z.string().describe('stable URI naming the kind of problem'),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  // RFC 9457 lets a problem type carry members of its own (e.g. the id of a conflicting record).
  .loose()
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemType = (code: string) => `https://duijie.dev/problems/${code}`;
