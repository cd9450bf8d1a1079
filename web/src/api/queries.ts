import { queryOptions } from '@tanstack/react-query';
import { getMe, getUnitTree } from './endpoints.ts';

export const meQuery = queryOptions({ queryKey: ['people', 'me'], queryFn: getMe });
export const unitTreeQuery = queryOptions({ queryKey: ['units', 'tree'], queryFn: getUnitTree });
