import type { Container } from '@azure/cosmos';
import type { IndicatorRepository, IndicatorValue, ReportedValue } from '../../usecases/ports';
import { withoutSystemProperties } from './systemProperties';

/** Indicator values and partners' figures live beside their plan, in the plans container (partition = plan). */
export class CosmosIndicatorRepository implements IndicatorRepository {
  constructor(private readonly container: Container) {}

  async save(value: IndicatorValue): Promise<void> {
    await this.container.items.upsert(value);
  }

  async list(planId: string): Promise<IndicatorValue[]> {
    const { resources } = await this.container.items
      .query<IndicatorValue & Record<string, unknown>>({ query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'indicatorValue'", parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<IndicatorValue>(r)).sort((a, b) => a.period.localeCompare(b.period));
  }

  async saveReported(value: ReportedValue): Promise<void> {
    await this.container.items.upsert(value);
  }

  async listReported(planId: string): Promise<ReportedValue[]> {
    const { resources } = await this.container.items
      .query<ReportedValue & Record<string, unknown>>({ query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'reportedFigure'", parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<ReportedValue>(r)).sort((a, b) => a.year - b.year);
  }
}
