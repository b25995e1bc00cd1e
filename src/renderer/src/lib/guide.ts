import type { Guide } from '../../../shared/guide/model';
import content from '../../../../resources/guide/guide.json';

/**
 * The guide ships inside the bundle. The file is checked against GuideSchema by the tests,
 * so the renderer can take its shape on trust without carrying a validator.
 */
export const guide = content as Guide;
