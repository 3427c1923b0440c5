import { getBearerTokenProvider, DefaultAzureCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import { ActionPlanner, OpenAIModel, Prompt, PromptManager, TextSection, TurnState, UserMessage, type PromptTemplate } from '@microsoft/teams-ai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';

/**
 * The optional language-model path: when an Azure OpenAI deployment is configured and the
 * deterministic parser could not read a question, the teams-ai planner rewrites it into one of
 * the commands the parser does read ("status Din Fritid 2025"), which then runs as usual. The
 * model never sees the plan's data and never answers with figures. Without configuration this
 * returns undefined and nothing tries to reach a model.
 */
export type QuestionRewriter = (context: TurnContext, question: string) => Promise<string | undefined>;

const INSTRUCTIONS = [
  'Du omskriver spørgsmål fra ledere i en boligsocial helhedsplan til præcis én af disse kommandoer, uden forklaring:',
  '- "status <indsatsområde, aktivitet eller netværk> <periode>" (periode: et år som 2025, "sidste kvartal", "siden 1. september", eller ingen)',
  '- "status <periode>" for hele planen',
  '- "hvor mange er brobygget til <tilbud> <periode>" eller "hvor mange er henvist til <tilbud> <periode>"',
  '- "hvilke milepæle er forsinket"',
  'Behold navne som brugeren skrev dem. Kan spørgsmålet ikke omskrives til en af kommandoerne, svar: INGEN',
].join('\n');

export function createQuestionRewriter(config: Config['languageModel'], logger: Logger): QuestionRewriter | undefined {
  if (!config) return undefined;
  const model = new OpenAIModel({
    azureEndpoint: config.endpoint,
    azureDefaultDeployment: config.deployment,
    azureApiVersion: '2024-06-01',
    ...(config.apiKey ? { azureApiKey: config.apiKey } : { azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), 'https://cognitiveservices.azure.com/.default') }),
  });
  // The prompt is built in code; the prompt manager wants a folder, which stays empty.
  const prompts = new PromptManager({ promptsFolder: mkdtempSync(join(tmpdir(), 'logbog-prompts-')) });
  const template: PromptTemplate = {
    name: 'status-question',
    prompt: new Prompt([new TextSection(INSTRUCTIONS, 'system'), new UserMessage('{{$temp.input}}', 300)]),
    config: { schema: 1.1, type: 'completion', description: 'Rewrites a status question into a command', completion: { temperature: 0, top_p: 1, presence_penalty: 0, frequency_penalty: 0, max_tokens: 60, max_input_tokens: 1000, completion_type: 'chat', include_history: false, include_input: false, include_images: false } },
  };
  prompts.addPrompt(template);
  const planner = new ActionPlanner<TurnState>({ model, prompts, defaultPrompt: 'status-question' });

  return async (context, question) => {
    try {
      const state = new TurnState();
      await state.load(context);
      state.temp.input = question.slice(0, 300);
      const response = await planner.completePrompt<string>(context, state, template);
      const text = typeof response.message?.content === 'string' ? response.message.content.trim().replace(/^"|"$/g, '') : '';
      if (response.status !== 'success' || !text || text === 'INGEN') return undefined;
      return text.split('\n')[0]!.slice(0, 200);
    } catch (err) {
      // The deterministic answer stands; a model that cannot be reached is only logged.
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'language model unavailable');
      return undefined;
    }
  };
}
