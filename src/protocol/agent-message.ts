/** What the helpdesk shows the agent, in Korean (PROTOCOL.md, verbatim) and English. */
export interface AgentMessage {
  ko: string;
  en: string;
}

const MESSAGES: Readonly<Record<number, AgentMessage>> = {
  200: { ko: '조회 성공', en: 'Lookup succeeded' },
  400: { ko: '조회 결과가 없습니다.', en: 'No result.' },
  403: { ko: '요청한 서버에 조회 권한이 없습니다.', en: 'No permission on the requested server.' },
  404: { ko: '요청한 서버에 에러가 있습니다.', en: 'The requested server has an error.' },
  500: { ko: '오류가 발생하였습니다.', en: 'An error occurred.' },
};

/**
 * The message the helpdesk shows for an HTTP status. Any status the protocol does not list
 * (and a timeout or refused connection, passed as 500) gets the 500 message.
 *
 * @example
 * agentMessage(400).ko // '조회 결과가 없습니다.'
 * agentMessage(502).en // 'An error occurred.'
 */
export function agentMessage(status: number): AgentMessage {
  return MESSAGES[status] ?? (MESSAGES[500] as AgentMessage);
}
